// GET /api/spotify/currently-playing: what the signed-in person is playing, as the app's NowPlaying.
import { methodNotAllowed, spotifyGet } from "@/lib/api/route-handler";
import { getNowPlaying } from "@/lib/spotify/listening-service";

export const dynamic = "force-dynamic";

export const GET = spotifyGet((access) => getNowPlaying(access));
export {
  methodNotAllowed as POST,
  methodNotAllowed as PUT,
  methodNotAllowed as PATCH,
  methodNotAllowed as DELETE,
};
