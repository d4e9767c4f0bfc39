// POST /api/account/share/reset: new links; the old ones answer 404 from now on and their open
// overlays close.
import { onlyMethods, withSession } from "@/lib/api/route-handler";
import { resetShareLinks } from "@/lib/share/share-links";
import { shareFeeds } from "@/lib/share/share-service";
import { toShareLinks } from "@/lib/share/share-urls";

export const dynamic = "force-dynamic";

export const POST = withSession(async (user) => {
  const settings = await resetShareLinks(user.userId);
  shareFeeds.closeListener(user.userId);
  return toShareLinks(settings);
});

const notAllowed = onlyMethods("POST");
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
