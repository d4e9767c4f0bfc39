// The recent-plays list's pages, and how its first page is put together: one rule for the browser
// (lib/client/queries.ts, through the API) and for the server drawing the dashboard
// (app/(app)/dashboard/initial-recent.ts, through the services the API calls).
import { errorPolicy, isErrorCode } from "@/lib/errors";
import { RECENT_PLAYS_PAGE_SIZE, RECENT_PLAYS_WINDOW } from "./limits";
import { newestPlayedAt, prependToPages } from "./plays";
import type { HistoryPage, RecentPlays } from "./types";

/**
 * Where the next (older) page of the recent list comes from: Earshot's store (its cursor), or, while
 * the store has nothing (the first minutes after sign-in), Spotify's own window (`before`).
 */
export type RecentPageParam = { cursor: string } | { before: string } | null;

/** A page of the recent list, and where it came from. */
export type RecentPage = RecentPlays & { source: "store" | "spotify"; next: RecentPageParam };

export const fromSpotify = (page: RecentPlays): RecentPage => ({
  ...page,
  source: "spotify",
  next: page.nextBefore === null ? null : { before: page.nextBefore },
});

export const fromStore = (page: HistoryPage): RecentPage => ({
  plays: page.plays,
  nextBefore: null,
  source: "store",
  next: page.nextCursor === null ? null : { cursor: page.nextCursor },
});

/** The two reads the first page needs; errors carry the app's error code (ApiError, ApiClientError). */
export type FirstPageSources = {
  /** The store's newest plays (GET /api/history's first page). */
  stored(limit: number): Promise<HistoryPage>;
  /** Spotify's recent plays (GET /api/spotify/recently-played), the newest or those after `after`. */
  spotify(query: { limit: number; after?: number }): Promise<RecentPlays>;
};

const codeOf = (error: unknown): string | null =>
  typeof error === "object" && error !== null && "code" in error && typeof error.code === "string"
    ? error.code
    : null;

/**
 * The first page: the store's newest plays, brought up to date with one `after` call to Spotify
 * before anything shows (the recorder syncs every 20 minutes or so, so the store may be behind; a
 * row popping in on top after the first paint would move the list). That is the one Spotify call a
 * dashboard's list costs on opening, as when the list came from Spotify whole. Spotify's window
 * instead when the store has nothing to show: nothing kept yet, recording paused (what the store
 * holds stops at the pause), the store not answering, or the store a whole window behind.
 */
export async function firstRecentPage(sources: FirstPageSources): Promise<RecentPage> {
  const limit = RECENT_PLAYS_PAGE_SIZE;
  const spotifyWindow = async () => fromSpotify(await sources.spotify({ limit }));
  let stored: HistoryPage;
  try {
    stored = await sources.stored(limit);
  } catch (error) {
    if (codeOf(error) === "store_unavailable") return spotifyWindow();
    throw error;
  }
  if (stored.plays.length === 0 || stored.recordingPaused) return spotifyWindow();
  const page = fromStore(stored);
  const newest = newestPlayedAt([page])!;
  let newer: RecentPlays;
  try {
    newer = await sources.spotify({ limit: RECENT_PLAYS_WINDOW, after: newest });
  } catch (error) {
    // Spotify not answering (or rate limited) does not keep the list from showing what is stored;
    // the next change of track or focus catches up. Only a sign-in problem is the page's business.
    const code = codeOf(error);
    if (isErrorCode(code) && errorPolicy(code).needsSignIn) throw error;
    return page;
  }
  if (newer.plays.length >= RECENT_PLAYS_WINDOW) return spotifyWindow();
  return prependToPages([page], newer.plays).pages[0]!;
}
