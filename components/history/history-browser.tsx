"use client";
// The history page's body: the view from the URL, its search and filters, and the list of stored
// plays with its states (loading, empty, error). Reads only Earshot's store, never Spotify.
import { useInfiniteQuery } from "@tanstack/react-query";
import NextLink from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef } from "react";
import { localTimeZone } from "@/lib/client/format-time";
import { historyQueryOptions } from "@/lib/client/history-queries";
import {
  type HistoryView,
  historyApiParams,
  isFiltered,
  readView,
  viewSearch,
} from "@/lib/client/history-view";
import { useLiveHistory } from "@/lib/client/use-live-history";
import { isApiClientError } from "@/lib/client/api-fetch";
import { Button, focusRing } from "@/components/ui/button";
import { ClockIcon } from "@/components/ui/icons";
import { HistoryList } from "./history-list";
import { HistorySkeletonRows } from "./history-skeleton";
import { HistoryToolbar } from "./history-toolbar";

export function HistoryBrowser({ liveHistoryPhaseMs }: { liveHistoryPhaseMs: number }) {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const view = useMemo(() => readView(new URLSearchParams(params.toString())), [params]);
  const apiQuery = historyApiParams(view, localTimeZone()).toString();
  const query = useInfiniteQuery(historyQueryOptions(apiQuery));
  // A jump shows a past moment: nothing newer belongs at its top.
  const arrived = useLiveHistory(apiQuery, query.isSuccess && view.at === null, liveHistoryPhaseMs);

  // Changes made in quick succession (From, then To) each build on the one before, even when the
  // URL has not caught up yet; a change of URL from elsewhere (Back, a link) is the new base.
  const latest = useRef(view);
  useEffect(() => {
    latest.current = view;
  }, [view]);
  const navigate = useCallback(
    (change: Partial<HistoryView>) => {
      const next = { ...latest.current, ...change };
      const url = `${pathname}${viewSearch(next)}`;
      if (url === `${pathname}${viewSearch(latest.current)}`) return;
      latest.current = next;
      router.push(url, { scroll: false });
    },
    [pathname, router],
  );

  const plays = useMemo(() => query.data?.pages.flatMap((page) => page.plays) ?? [], [query.data]);
  const gaps = useMemo(() => query.data?.pages.flatMap((page) => page.gaps) ?? [], [query.data]);
  const labels = useMemo(() => filterLabels(view, plays), [view, plays]);
  const paused = query.data?.pages[0]?.recordingPaused ?? false;

  let body;
  if (query.isPending) {
    body = <HistorySkeletonRows />;
  } else if (query.isError && plays.length === 0) {
    const invalid = isApiClientError(query.error) && query.error.code === "invalid_request";
    body = (
      <div role="alert" className="flex flex-col items-center gap-3 px-4 py-12 text-center">
        <p className="font-medium">Couldn&apos;t load your history.</p>
        <p className="max-w-sm text-sm text-zinc-600 dark:text-zinc-400">
          {invalid
            ? (query.error as Error).message
            : "Earshot's store did not answer. Your plays are safe; try again in a moment."}
        </p>
        <Button onClick={() => void query.refetch()} disabled={query.isFetching}>
          {query.isFetching ? "Trying…" : "Try again"}
        </Button>
      </div>
    );
  } else if (plays.length === 0) {
    body =
      isFiltered(view) || view.at ? (
        <div className="flex flex-col items-center gap-3 px-4 py-12 text-center" data-testid="history-empty">
          <p className="font-medium">No plays match</p>
          <p className="max-w-sm text-sm text-zinc-600 dark:text-zinc-400">
            Try fewer words, or clear the filters.
          </p>
        </div>
      ) : (
        <div className="flex flex-col items-center gap-2 px-4 py-12 text-center" data-testid="history-empty">
          <ClockIcon className="size-8 text-zinc-400" />
          <p className="font-medium">Nothing here yet</p>
          <p className="max-w-sm text-sm text-zinc-600 dark:text-zinc-400">
            Earshot keeps every play from the moment you signed in. To see the years before,{" "}
            <NextLink href="/import" className={`rounded-sm underline underline-offset-2 ${focusRing}`}>
              import your Spotify data
            </NextLink>
            .
          </p>
        </div>
      );
  } else {
    body = (
      <>
        <HistoryList
          plays={plays}
          gaps={gaps}
          view={view}
          arrived={arrived}
          hasNextPage={query.hasNextPage}
          isFetchingNextPage={query.isFetchingNextPage}
          fetchNextPage={() => void query.fetchNextPage()}
        />
        <ListEnd
          loading={query.isFetchingNextPage}
          failed={query.isFetchNextPageError}
          more={query.hasNextPage}
          filtered={isFiltered(view)}
          onRetry={() => void query.fetchNextPage()}
        />
      </>
    );
  }

  return (
    <div className="flex flex-col gap-4">
      <HistoryToolbar view={view} labels={labels} onChange={navigate} />
      {view.at ? (
        <div
          className="flex flex-wrap items-center gap-3 text-sm text-zinc-600 dark:text-zinc-400"
          role="status"
        >
          <span>
            Showing plays up to the end of{" "}
            <strong className="text-zinc-900 dark:text-zinc-100">{view.at}</strong>.
          </span>
          <Button variant="ghost" className="h-8 px-3" onClick={() => navigate({ at: null })}>
            Back to newest
          </Button>
        </div>
      ) : null}
      {paused ? (
        <p role="status" className="text-sm text-zinc-600 dark:text-zinc-400">
          Recording is paused: plays from now on are not kept.{" "}
          <NextLink href="/settings" className={`rounded-sm underline underline-offset-2 ${focusRing}`}>
            Settings
          </NextLink>
        </p>
      ) : null}
      <section
        aria-label="Your plays"
        aria-busy={query.isPending || query.isFetchingNextPage || undefined}
        className="rounded-2xl bg-white p-2 shadow-sm ring-1 ring-zinc-200 sm:p-3 dark:bg-zinc-900 dark:ring-zinc-800"
      >
        {body}
      </section>
    </div>
  );
}

function ListEnd(props: {
  loading: boolean;
  failed: boolean;
  more: boolean;
  filtered: boolean;
  onRetry: () => void;
}) {
  if (props.failed) {
    return (
      <div role="alert" className="flex flex-col items-center gap-2 px-2 pt-2 pb-3 text-sm">
        <p className="text-zinc-600 dark:text-zinc-400">Couldn&apos;t load more.</p>
        <Button onClick={props.onRetry}>Try again</Button>
      </div>
    );
  }
  if (props.more || props.loading) {
    return (
      <p className="px-3 pt-2 pb-3 text-center text-xs text-zinc-500 dark:text-zinc-400" aria-live="polite">
        {props.loading ? "Loading older plays…" : ""}
      </p>
    );
  }
  return (
    <p
      data-testid="history-end"
      className="px-3 pt-2 pb-3 text-center text-xs text-zinc-500 dark:text-zinc-400"
    >
      {props.filtered ? "That's every play that matches." : "That's the beginning of your history."}
    </p>
  );
}

/** The artist's and album's names for the filter chips, from any row that shows them. */
function filterLabels(
  view: HistoryView,
  plays: {
    artistKeys: string[];
    albumKey: string | null;
    track: { artists: { name: string }[]; album: { name: string } | null };
  }[],
) {
  let artist: string | null = null;
  let album: string | null = null;
  for (const play of plays) {
    if (view.artist && !artist) {
      const index = play.artistKeys.indexOf(view.artist);
      if (index >= 0) artist = play.track.artists[index]?.name ?? null;
    }
    if (view.album && !album && play.albumKey === view.album) album = play.track.album?.name ?? null;
    if ((!view.artist || artist) && (!view.album || album)) break;
  }
  return { artist, album };
}
