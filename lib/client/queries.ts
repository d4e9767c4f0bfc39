// React Query definitions for the dashboard: the polled player, and the recent plays as an infinite
// list paged by Spotify's `before` cursor. Keys name the resource only; the session is the cookie.
import {
  type InfiniteData,
  infiniteQueryOptions,
  type QueryClient,
  type QueryKey,
  queryOptions,
} from "@tanstack/react-query";
import type { HistoryPage, PlayerState, RecentPlays } from "@/lib/listening";
import { ApiClientError, apiFetch, isApiClientError } from "./api-fetch";
import { nextPollDelay, retryDelay, shouldRetry } from "./poll-schedule";
import { RECENT_PLAYS_PAGE_SIZE, RECENT_PLAYS_WINDOW } from "@/lib/listening/limits";
import { ClockOffset } from "@/lib/listening/playback";
import { newestPlayedAt, playKey, prependToPages } from "@/lib/listening/plays";
import {
  firstRecentPage,
  fromSpotify,
  fromStore,
  type RecentPage,
  type RecentPageParam,
} from "@/lib/listening/recent-page";

export const queryKeys = {
  player: ["spotify", "player"] as const,
  recentPlays: ["spotify", "recently-played"] as const,
};

/** One poll's answer, with when it arrived and the clock offset measured so far. */
export type PlayerSnapshot = { player: PlayerState; receivedAt: number; offsetMs: number };

/** A failed poll, carrying how many polls in a row have failed (for the back-off). */
export class PollError extends ApiClientError {
  constructor(
    cause: ApiClientError,
    readonly failureStreak: number,
  ) {
    super(cause.status, cause.code, cause.message, cause.retryAfterSeconds, cause.receivedAt);
  }
}

// One tab, one server: the offset is a property of the two clocks, not of a query.
const clock = new ClockOffset();

/**
 * The snapshot of a player state the server read while drawing the page. No poll measured the clocks
 * yet, so the browser's is taken to agree with the server's (the first poll measures the offset);
 * and it is the same on the server and in the browser, so the card hydrates as it was drawn.
 */
export function serverPlayerSnapshot(player: PlayerState): PlayerSnapshot {
  return { player, receivedAt: player.readAt, offsetMs: 0 };
}

/** `phaseMs`: the listener's offset of the fixed-period poll grid (lib/client/poll-phase.ts). */
export function playerQueryOptions({ phaseMs = 0 }: { phaseMs?: number } = {}) {
  return queryOptions({
    queryKey: queryKeys.player,
    queryFn: async ({ signal, client, queryKey }): Promise<PlayerSnapshot> => {
      try {
        const player = await apiFetch<PlayerState>("/api/spotify/player", { signal });
        const receivedAt = Date.now();
        return { player, receivedAt, offsetMs: clock.add(player.readAt, receivedAt) };
      } catch (error) {
        if (!isApiClientError(error)) throw error;
        const previous = client.getQueryState<PlayerSnapshot, ApiClientError>(queryKey);
        const streak =
          previous?.status === "error" && previous.error instanceof PollError
            ? previous.error.failureStreak + 1
            : 1;
        throw new PollError(error, streak);
      }
    },
    // A focus or remount a moment after a poll need not ask again.
    staleTime: 2_000,
    refetchOnWindowFocus: true,
    // Hidden tabs poll nothing; focusing the tab again refetches at once (refetchOnWindowFocus).
    refetchIntervalInBackground: false,
    refetchInterval: (query) =>
      nextPollDelay({
        player: query.state.data?.player,
        offsetMs: query.state.data?.offsetMs ?? 0,
        error: query.state.status === "error" ? query.state.error : null,
        failureStreak: query.state.error instanceof PollError ? query.state.error.failureStreak : 1,
        now: Date.now(),
        phaseMs,
      }),
    retry: shouldRetry,
    retryDelay,
  });
}

export type { RecentPage, RecentPageParam } from "@/lib/listening/recent-page";

export type RecentPlaysData = InfiniteData<RecentPage, RecentPageParam>;

/** The first page, through the API (the rule: lib/listening/recent-page.ts). */
function firstRecentPageFromApi(signal: AbortSignal): Promise<RecentPage> {
  return firstRecentPage({
    stored: (limit) => apiFetch<HistoryPage>(`/api/history?limit=${limit}`, { signal }),
    spotify: ({ limit, after }) => {
      const params = new URLSearchParams({ limit: String(limit) });
      if (after !== undefined) params.set("after", String(after));
      return apiFetch<RecentPlays>(`/api/spotify/recently-played?${params}`, { signal });
    },
  });
}

export function recentPlaysQueryOptions() {
  return infiniteQueryOptions({
    queryKey: queryKeys.recentPlays,
    queryFn: async ({ pageParam, signal }): Promise<RecentPage> => {
      if (pageParam === null) return firstRecentPageFromApi(signal);
      const params = new URLSearchParams({ limit: String(RECENT_PLAYS_PAGE_SIZE) });
      if ("cursor" in pageParam) {
        params.set("cursor", pageParam.cursor);
        return fromStore(await apiFetch<HistoryPage>(`/api/history?${params}`, { signal }));
      }
      params.set("before", pageParam.before);
      return fromSpotify(await apiFetch<RecentPlays>(`/api/spotify/recently-played?${params}`, { signal }));
    },
    initialPageParam: null as RecentPageParam,
    getNextPageParam: (last) => last.next,
    // Newer plays are merged in by fetchNewerPlays (one `after` call), never by refetching every
    // loaded page: no interval, and no automatic refetch on focus or mount.
    staleTime: Number.POSITIVE_INFINITY,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
    retry: shouldRetry,
    retryDelay,
  });
}

/**
 * Asks only for plays newer than the newest one shown and puts them at the top of the list.
 * Resolves to the keys of the plays that were added (empty when the list was loaded afresh instead).
 * Errors are left to the caller.
 */
export async function fetchNewerPlays(client: QueryClient): Promise<{ added: string[]; reloaded: boolean }> {
  const state = client.getQueryState<RecentPlaysData>(queryKeys.recentPlays);
  // The list is loading from scratch right now (first page or a reload): that answer will be fresh
  // enough. "Load more" (pages already shown) only brings older plays: ask for newer ones anyway.
  if (state?.fetchStatus === "fetching" && state.data === undefined) return { added: [], reloaded: false };
  const data = client.getQueryData<RecentPlaysData>(queryKeys.recentPlays);
  const newest = data ? newestPlayedAt(data.pages) : null;
  if (!data || newest === null) {
    // Nothing to anchor `after` on: load (or reload) the first page instead.
    await client.resetQueries({ queryKey: queryKeys.recentPlays });
    return { added: [], reloaded: true };
  }
  // The whole window: an `after` answer this full may have skipped plays in between.
  const params = new URLSearchParams({ limit: String(RECENT_PLAYS_WINDOW), after: String(newest) });
  const newer = await apiFetch<RecentPlays>(`/api/spotify/recently-played?${params}`);
  if (newer.plays.length >= RECENT_PLAYS_WINDOW) {
    // Away long enough that the window moved past what is shown: start the list over.
    await client.resetQueries({ queryKey: queryKeys.recentPlays });
    return { added: [], reloaded: true };
  }
  // A "Load more" in flight ends by writing the pages it started from plus its own (React Query
  // keeps no edits made meanwhile): merging before it ends would lose these rows. Wait it out, then
  // merge into what it wrote, in the same task as the check so that no other fetch starts between.
  await untilIdle(client, queryKeys.recentPlays);
  let added: string[] = [];
  client.setQueryData<RecentPlaysData>(queryKeys.recentPlays, (current) => {
    if (!current) return current;
    const merged = prependToPages(current.pages, newer.plays);
    added = merged.added.map(playKey);
    return added.length === 0 ? current : { ...current, pages: merged.pages };
  });
  return { added, reloaded: false };
}

/** Resolves once the query `key` is not fetching (at once when it is not). */
function untilIdle(client: QueryClient, key: QueryKey): Promise<void> {
  const cache = client.getQueryCache();
  const idle = () => cache.find({ queryKey: key, exact: true })?.state.fetchStatus !== "fetching";
  if (idle()) return Promise.resolve();
  return new Promise((resolve) => {
    const unsubscribe = cache.subscribe(() => {
      if (!idle()) return;
      unsubscribe();
      resolve();
    });
  });
}
