// GET /api/history?cursor=&q=&from=&to=&artist=&album=&source=&limit=: the signed-in person's stored
// plays, newest first. Reads only the store: nothing is asked of Spotify.
import { methodNotAllowed, parseQuery, withSession } from "@/lib/api/route-handler";
import { getHistoryPage } from "@/lib/history/history-service";
import { historyQuery } from "./schema";

export const dynamic = "force-dynamic";

export const GET = withSession((user, request) =>
  getHistoryPage(user, parseQuery(historyQuery, request.url)),
);
export {
  methodNotAllowed as POST,
  methodNotAllowed as PUT,
  methodNotAllowed as PATCH,
  methodNotAllowed as DELETE,
};
