// GET /api/history?cursor=&q=&from=&to=&artist=&album=&source=&limit=: the signed-in person's stored
// plays, newest first. Reads only the store: nothing is asked of Spotify. The first page carries an
// ETag made of the person's plays version (with REDIS_URL): an open page's periodic check that sends
// it back is answered 304 without reading the store while nothing changed.
import { createHash } from "node:crypto";
import {
  jsonResponse,
  methodNotAllowed,
  notModified,
  parseQuery,
  withSession,
} from "@/lib/api/route-handler";
import { getHistoryPage } from "@/lib/history/history-service";
import { playChanges } from "@/lib/shared/play-changes";
import { historyQuery } from "./schema";

export const dynamic = "force-dynamic";

export const GET = withSession(async (user, request) => {
  const query = parseQuery(historyQuery, request.url);
  const version = query.cursor === undefined ? await playChanges().version(user.userId) : null;
  if (version === null) return getHistoryPage(user, query);
  // The view (its filters) and the recording switch shape the page as much as the plays do.
  const view = createHash("sha1").update(new URL(request.url).search).digest("base64url").slice(0, 10);
  const etag = `"plays-${version}-${user.recordingPaused ? "p" : "r"}-${view}"`;
  if (request.headers.get("if-none-match") === etag) return notModified(etag);
  return jsonResponse(await getHistoryPage(user, query), 200, { ETag: etag });
});
export {
  methodNotAllowed as POST,
  methodNotAllowed as PUT,
  methodNotAllowed as PATCH,
  methodNotAllowed as DELETE,
};
