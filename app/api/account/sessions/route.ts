// DELETE /api/account/sessions: "Sign out everywhere": every session of this person ends, this one
// included; each browser finds its cookie worthless on its next request.
import { onlyMethods, withSession } from "@/lib/api/route-handler";
import { endAllSessions } from "@/lib/auth/accounts";

export const dynamic = "force-dynamic";

export const DELETE = withSession(async (user) => ({ ended: await endAllSessions(user.userId) }));

const notAllowed = onlyMethods("DELETE");
export { notAllowed as GET, notAllowed as POST, notAllowed as PUT, notAllowed as PATCH };
