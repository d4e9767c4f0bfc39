// GET /api/account/share: the person's share settings and links. PUT {enabled, options}: turn sharing
// on or off and choose what shows; turning it off ends this instance's streams at once (others within
// seconds: every feed re-checks its link).
import { onlyMethods, readJsonBody, withSession } from "@/lib/api/route-handler";
import { shareBody } from "../schema";
import { readShareSettings, saveShareSettings } from "@/lib/share/share-links";
import { shareFeeds } from "@/lib/share/share-service";
import { toShareLinks } from "@/lib/share/share-urls";

export const dynamic = "force-dynamic";

export const GET = withSession(async (user) => toShareLinks(await readShareSettings(user.userId)));

export const PUT = withSession(async (user, request) => {
  const body = await readJsonBody(request, shareBody);
  const settings = await saveShareSettings(user.userId, body);
  if (settings.enabled) shareFeeds.updateOptions(user.userId, settings.options);
  else shareFeeds.closeListener(user.userId);
  return toShareLinks(settings);
});

const notAllowed = onlyMethods("GET", "PUT");
export { notAllowed as POST, notAllowed as PATCH, notAllowed as DELETE };
