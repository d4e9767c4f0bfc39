// GET /api/account: the signed-in person's recording status. DELETE: "Delete all my data" (tokens,
// sessions, plays, gaps, sync log), after the confirmation phrase.
import { onlyMethods, readJsonBody, withSession } from "@/lib/api/route-handler";
import { deleteAccount } from "@/lib/auth/accounts";
import { getRecordingStatus } from "@/lib/history/recording-status";
import { deleteAccountBody } from "./schema";

export const dynamic = "force-dynamic";

export const GET = withSession((user) => getRecordingStatus(user.userId));

export const DELETE = withSession(async (user, request) => {
  await readJsonBody(request, deleteAccountBody);
  await deleteAccount(user.userId);
  return { deleted: true };
});

const notAllowed = onlyMethods("GET", "DELETE");
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH };
