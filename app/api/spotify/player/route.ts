// GET /api/spotify/player: now-playing plus device, shuffle and repeat, in one upstream call.
// The dashboard polls this one.
import { methodNotAllowed, withSpotify } from "@/lib/api/route-handler";
import { getPlayerState } from "@/lib/spotify/listening-service";

export const dynamic = "force-dynamic";

export const GET = withSpotify((access) => getPlayerState(access));
export {
  methodNotAllowed as POST,
  methodNotAllowed as PUT,
  methodNotAllowed as PATCH,
  methodNotAllowed as DELETE,
};
