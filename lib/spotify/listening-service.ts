// What the route handlers ask for: the listener's now-playing, player state and recent plays, in
// the app's own types. Each call goes through the per-person sharing and the Spotify client.
import "server-only";
import type { SpotifyAccess } from "@/lib/auth/spotify-access";
import type { NowPlaying, PlayerState, RecentPlays } from "@/lib/listening";
import { createSpotifyClient } from "./client";
import { toNowPlaying, toPlayerState, toRecentPlays } from "./normalize";
import { currentlyPlayingSchema, playbackStateSchema, recentlyPlayedSchema } from "./schemas";
import { sharedFetch } from "./shared-fetch";
import { recordDashboardPage } from "@/lib/history/write-through";
import { recentPlaysAfterBeyondWindow, recentPlaysBeyondWindow } from "@/lib/history/beyond-window";
import { getDb } from "@/lib/db/connection";

// Without `episode`, a playing podcast comes back as `item: null`.
const ADDITIONAL_TYPES = "additional_types=track,episode";

export function getNowPlaying(access: SpotifyAccess): Promise<NowPlaying> {
  const path = `/v1/me/player/currently-playing?${ADDITIONAL_TYPES}`;
  return sharedFetch(access.userId, path, async () =>
    toNowPlaying(await createSpotifyClient(access).get(path, currentlyPlayingSchema), Date.now()),
  );
}

export function getPlayerState(access: SpotifyAccess): Promise<PlayerState> {
  const path = `/v1/me/player?${ADDITIONAL_TYPES}`;
  return sharedFetch(access.userId, path, async () =>
    toPlayerState(await createSpotifyClient(access).get(path, playbackStateSchema), Date.now()),
  );
}

export type RecentPlaysQuery = { limit: number; before?: number; after?: number };

export function getRecentPlays(access: SpotifyAccess, query: RecentPlaysQuery): Promise<RecentPlays> {
  const params = new URLSearchParams({ limit: String(query.limit) });
  if (query.before !== undefined) params.set("before", String(query.before));
  if (query.after !== undefined) params.set("after", String(query.after));
  const path = `/v1/me/player/recently-played?${params}`;
  return sharedFetch(access.userId, path, async () => {
    if (query.before !== undefined || query.after !== undefined) {
      const stored = await beyondWindow(access.userId, query);
      if (stored) return stored;
    }
    const page = await createSpotifyClient(access).get(path, recentlyPlayedSchema);
    if (!page) return { plays: [], nextBefore: null };
    // What the dashboard fetched is kept too: no extra Spotify call, and the recorder can wait.
    await recordDashboardPage(access.userId, page, query);
    const plays = toRecentPlays(page, query.limit);
    // An `after` page is the newest plays; paging on from it goes forward, not back: no `before` cursor.
    return query.after === undefined ? plays : { ...plays, nextBefore: null };
  });
}

/** A page past Spotify's window, from the store; null to ask Spotify (also when the store fails). */
async function beyondWindow(userId: string, query: RecentPlaysQuery): Promise<RecentPlays | null> {
  try {
    return query.before !== undefined
      ? await recentPlaysBeyondWindow(getDb(), userId, query.before, query.limit)
      : await recentPlaysAfterBeyondWindow(getDb(), userId, query.after!, query.limit);
  } catch (error) {
    console.error(`[history] could not read plays past Spotify's window: ${(error as Error).message}`);
    return null;
  }
}
