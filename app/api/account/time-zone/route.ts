// PUT /api/account/time-zone {"timeZone": "Europe/Berlin", "onlyIfUnset"?: true}: the zone stats
// cut days and hours in. The browser sends its own on a first visit (onlyIfUnset); Settings changes
// it. A new zone rebuilds the person's rollups (in the database) before this answers.
import { onlyMethods, readJsonBody, withSession } from "@/lib/api/route-handler";
import { getDb, withStore } from "@/lib/db/connection";
import { setTimeZone } from "@/lib/stats/time-zone";
import { timeZoneBody } from "../schema";

export const dynamic = "force-dynamic";

export const PUT = withSession(async (user, request) => {
  const { timeZone, onlyIfUnset } = await readJsonBody(request, timeZoneBody);
  const stored = await withStore(() => setTimeZone(getDb(), user.userId, timeZone, { onlyIfUnset }));
  return { timeZone: stored };
});

const notAllowed = onlyMethods("PUT");
export { notAllowed as GET, notAllowed as POST, notAllowed as PATCH, notAllowed as DELETE };
