// GET /api/spotify/recently-played?limit=&before= (or after=): a page of recent plays, newest first.
import { methodNotAllowed, spotifyGet } from "@/lib/api/route-handler";
import { ApiError } from "@/lib/errors";
import { getRecentPlays } from "@/lib/spotify/listening-service";
import { recentlyPlayedQuery } from "./schema";

export const dynamic = "force-dynamic";

export const GET = spotifyGet((access, url) => {
  const query = recentlyPlayedQuery.safeParse(Object.fromEntries(url.searchParams));
  if (!query.success) {
    const issue = query.error.issues[0];
    const message =
      issue?.code === "unrecognized_keys"
        ? `Unknown parameter: ${issue.keys.join(", ")}. Use limit, before or after.`
        : (issue?.message ?? "Invalid query");
    throw new ApiError("invalid_request", message);
  }
  return getRecentPlays(access, query.data);
});
export {
  methodNotAllowed as POST,
  methodNotAllowed as PUT,
  methodNotAllowed as PATCH,
  methodNotAllowed as DELETE,
};
