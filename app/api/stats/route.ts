// GET /api/stats?range=4w|6m|12m|all|year&year=|custom&from=&to=: everything /stats shows for one
// range of the signed-in person's listening. Reads only the store's rollups.
import { methodNotAllowed, parseQuery, withSession } from "@/lib/api/route-handler";
import { getStats } from "@/lib/stats/stats-service";
import { statsQuery } from "./schema";

export const dynamic = "force-dynamic";

export const GET = withSession((user, request) => getStats(user.userId, parseQuery(statsQuery, request.url)));
export {
  methodNotAllowed as POST,
  methodNotAllowed as PUT,
  methodNotAllowed as PATCH,
  methodNotAllowed as DELETE,
};
