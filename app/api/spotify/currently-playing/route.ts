// GET /api/spotify/currently-playing: what the signed-in person is playing, as the app's NowPlaying.
import { methodNotAllowed, withSpotify } from "@/lib/api/route-handler";
import { getNowPlaying } from "@/lib/spotify/listening-service";

export const dynamic = "force-dynamic";

export const GET = withSpotify((access) => getNowPlaying(access));
export {
  methodNotAllowed as POST,
  methodNotAllowed as PUT,
  methodNotAllowed as PATCH,
  methodNotAllowed as DELETE,
};
