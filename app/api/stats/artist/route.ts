// GET /api/stats/artist?id=spotify:artist:…: the signed-in person's all-time figures for one artist (404 when
// they never played it). Reads only the store's rollups.
import { methodNotAllowed, parseQuery, withSession } from "@/lib/api/route-handler";
import { getSubjectStats } from "@/lib/stats/stats-service";
import { subjectQuery } from "../schema";

export const dynamic = "force-dynamic";

export const GET = withSession((user, request) =>
  getSubjectStats(user.userId, "artist", parseQuery(subjectQuery, request.url).id),
);
export {
  methodNotAllowed as POST,
  methodNotAllowed as PUT,
  methodNotAllowed as PATCH,
  methodNotAllowed as DELETE,
};
