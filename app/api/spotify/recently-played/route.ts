// GET /api/spotify/recently-played?limit=&before= (or after=): a page of recent plays, newest first.
import { methodNotAllowed, parseQuery, withSpotify } from "@/lib/api/route-handler";
import { getRecentPlays } from "@/lib/spotify/listening-service";
import { recentlyPlayedQuery } from "./schema";

export const dynamic = "force-dynamic";

export const GET = withSpotify((access, request) =>
  getRecentPlays(access, parseQuery(recentlyPlayedQuery, request.url)),
);
export {
  methodNotAllowed as POST,
  methodNotAllowed as PUT,
  methodNotAllowed as PATCH,
  methodNotAllowed as DELETE,
};
