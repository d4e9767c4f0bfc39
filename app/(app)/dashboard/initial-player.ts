// What is playing, read while the server draws the dashboard, so that the page arrives with the
// now-playing card filled in (its cover is the page's largest image) instead of drawing it only after
// the scripts have loaded and asked. The same read as GET /api/spotify/player (shared per person, so
// a poll at the same moment costs Spotify nothing more); within the page's budget (./read-within-budget.ts).
import "server-only";
import { requireSpotifyAccess } from "@/lib/auth/spotify-access";
import type { PlayerState } from "@/lib/listening";
import { getPlayerState } from "@/lib/spotify/listening-service";
import { readWithinBudget } from "./read-within-budget";

export function readInitialPlayer(): Promise<PlayerState | null> {
  return readWithinBudget("the player", async () => getPlayerState(await requireSpotifyAccess()));
}
