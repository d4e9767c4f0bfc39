// What is playing, read while the server draws the dashboard, so that the page arrives with the
// now-playing card filled in (its cover is the page's largest image) instead of drawing it only after
// the scripts have loaded and asked. The same read as GET /api/spotify/player (shared per person, so
// a poll at the same moment costs Spotify nothing more). A failure, or Spotify taking longer than the
// page should wait, leaves the card to the browser's first poll, which shows and handles that as it
// always has.
import "server-only";
import { requireSpotifyAccess } from "@/lib/auth/spotify-access";
import { isConnectionError } from "@/lib/db/connection";
import { ApiError } from "@/lib/errors";
import type { PlayerState } from "@/lib/listening";
import { getPlayerState } from "@/lib/spotify/listening-service";

/** How long the page waits for the read: Spotify answers in well under this, or it is having trouble. */
export const INITIAL_PLAYER_BUDGET_MS = 1_000;

export async function readInitialPlayer(): Promise<PlayerState | null> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), INITIAL_PLAYER_BUDGET_MS);
  });
  try {
    return await Promise.race([read(), late]);
  } finally {
    clearTimeout(timer);
  }
}

async function read(): Promise<PlayerState | null> {
  try {
    return await getPlayerState(await requireSpotifyAccess());
  } catch (error) {
    if (!(error instanceof ApiError) && !isConnectionError(error))
      console.error("Reading the player for the dashboard failed", error);
    return null;
  }
}
