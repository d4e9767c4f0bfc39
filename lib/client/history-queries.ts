// React Query definitions for the history: an infinite list of stored plays paged by the API's
// cursor, one list per view (its API query is the key), and the merge that brings newer plays in at
// the top while the page is open.
import { type InfiniteData, infiniteQueryOptions, type QueryClient } from "@tanstack/react-query";
import type { CoverageGap, HistoryPage } from "@/lib/listening";
import { HISTORY_PAGE_SIZE } from "@/lib/listening/limits";
import { apiFetch, apiFetchIfChanged } from "./api-fetch";
import { retryDelay, shouldRetry } from "./poll-schedule";

export type HistoryData = InfiniteData<HistoryPage, string | null>;

export const historyKey = (apiQuery: string) => ["history", apiQuery] as const;

function pageUrl(apiQuery: string, cursor: string | null, limit = HISTORY_PAGE_SIZE): string {
  const params = new URLSearchParams(apiQuery);
  params.set("limit", String(limit));
  if (cursor !== null) params.set("cursor", cursor);
  return `/api/history?${params}`;
}

/** `apiQuery`: the view's query string for GET /api/history (lib/client/history-view.ts). */
export function historyQueryOptions(apiQuery: string) {
  return infiniteQueryOptions({
    queryKey: historyKey(apiQuery),
    queryFn: ({ pageParam, signal }) => apiFetch<HistoryPage>(pageUrl(apiQuery, pageParam), { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    // Newer plays come in through fetchNewerHistory; refetching every loaded page would be wasted.
    staleTime: Number.POSITIVE_INFINITY,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
    retry: shouldRetry,
    retryDelay,
  });
}

const gapKey = (gap: CoverageGap) => `${gap.from}|${gap.to}`;

/**
 * The ETag of each view's last fresh first page: with it the server answers "unchanged" (304) from
 * the person's plays version alone, without reading the store (lib/shared/play-changes.ts).
 */
const firstPageTags = new Map<string, string>();

/**
 * Puts plays newer than the list's newest at the top of its first page (and any new gap with them).
 * Returns the ids added; `reloaded` when so much is new that the list starts over instead. A
 * "Load more" that ends meanwhile writes the pages it started from, dropping this merge: the next
 * check brings the same plays again (they are not in the list), so nothing is lost for long.
 */
export async function fetchNewerHistory(
  client: QueryClient,
  apiQuery: string,
): Promise<{ added: string[]; reloaded: boolean }> {
  const key = historyKey(apiQuery);
  const state = client.getQueryState<HistoryData>(key);
  if (!state?.data || state.fetchStatus === "fetching") return { added: [], reloaded: false };
  const url = pageUrl(apiQuery, null);
  const answer = await apiFetchIfChanged<HistoryPage>(url, firstPageTags.get(url) ?? null);
  if (answer.unchanged) return { added: [], reloaded: false };
  const fresh = answer.body;
  let added: string[] = [];
  let reloaded = false;
  client.setQueryData<HistoryData>(key, (current) => {
    if (!current) return current;
    const known = new Set(current.pages.flatMap((page) => page.plays.map((play) => play.id)));
    const newest = current.pages[0]?.plays[0];
    const newer = fresh.plays.filter(
      (play) => !known.has(play.id) && (!newest || Date.parse(play.playedAt) > Date.parse(newest.playedAt)),
    );
    // A whole fresh page of new plays: there may be more between it and what is shown. Start over.
    if (newer.length === fresh.plays.length && fresh.nextCursor !== null) {
      reloaded = true;
      return current;
    }
    const [first, ...rest] = current.pages;
    if (!first) return current;
    const gaps = new Map([...fresh.gaps, ...first.gaps].map((gap) => [gapKey(gap), gap]));
    if (newer.length === 0 && gaps.size === first.gaps.length) return current;
    added = newer.map((play) => play.id);
    return {
      ...current,
      pages: [{ ...first, plays: [...newer, ...first.plays], gaps: [...gaps.values()] }, ...rest],
    };
  });
  // Keep the ETag only when this merge will stand: a "Load more" in flight would write over it, and
  // then the same plays must come again at the next check rather than be answered "unchanged".
  if (answer.etag && !reloaded && client.getQueryState(key)?.fetchStatus !== "fetching")
    firstPageTags.set(url, answer.etag);
  if (reloaded) await client.resetQueries({ queryKey: key, exact: true });
  return { added, reloaded };
}
