// PUT /api/account/recording {"paused": true|false}: pause or resume the recorder for this person.
import { onlyMethods, readJsonBody, withSession } from "@/lib/api/route-handler";
import { setRecordingPaused } from "@/lib/auth/accounts";
import { getRecordingStatus } from "@/lib/history/recording-status";
import { recordingBody } from "../schema";

export const dynamic = "force-dynamic";

export const PUT = withSession(async (user, request) => {
  const { paused } = await readJsonBody(request, recordingBody);
  await setRecordingPaused(user.userId, paused);
  return getRecordingStatus(user.userId);
});

const notAllowed = onlyMethods("PUT");
export { notAllowed as GET, notAllowed as POST, notAllowed as PATCH, notAllowed as DELETE };
