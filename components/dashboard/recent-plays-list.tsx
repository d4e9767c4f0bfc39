"use client";
// The recent-plays list, grouped by day in the listener's time zone, paged back with "Load more"
// until Spotify's 50-play window ends. Newly arrived plays slide in at the top, briefly highlighted.
import type { InfiniteData, UseInfiniteQueryResult } from "@tanstack/react-query";
import { type ReactNode, useRef } from "react";
import type { Play, RecentPlays as RecentPlaysPage } from "@/lib/listening";
import { groupByDay, localTimeZone } from "@/lib/client/format-time";
import { RECENT_PLAYS_WINDOW } from "@/lib/listening/limits";
import { playedAtMs, playKey } from "@/lib/listening/plays";
import { useNow } from "@/lib/client/use-now";
import { useKeepPlace } from "@/lib/client/use-keep-place";
import { Button } from "@/components/ui/button";
import { ClockIcon } from "@/components/ui/icons";
import { Skeleton } from "@/components/ui/skeleton";
import { PlayRow, PlayRowSkeleton } from "@/components/plays/play-row";

type RecentQuery = UseInfiniteQueryResult<InfiniteData<RecentPlaysPage, unknown>, unknown>;

export function RecentPlaysList({
  query,
  plays,
  arrived,
}: {
  query: RecentQuery;
  plays: Play[];
  arrived: ReadonlySet<string>;
}) {
  // Relative times and the "Today" label follow the clock; a 30 s tick is plenty.
  const now = useNow(30_000);
  const time = { now, timeZone: localTimeZone() };
  const groups = groupByDay(plays, playedAtMs, time);
  const rowsRef = useRef<HTMLDivElement>(null);
  useKeepPlace(rowsRef, "li");

  let body;
  if (query.isPending) {
    body = <RowsSkeleton />;
  } else if (plays.length === 0 && query.isError) {
    body = (
      <div className="flex flex-col items-center gap-3 px-4 py-12 text-center">
        <p className="text-sm text-zinc-600 dark:text-zinc-400">Couldn&apos;t load your recent plays.</p>
        <Button onClick={() => void query.refetch()} disabled={query.isFetching}>
          {query.isFetching ? "Trying…" : "Try again"}
        </Button>
      </div>
    );
  } else if (plays.length === 0) {
    body = (
      <div className="flex flex-col items-center gap-2 px-4 py-12 text-center">
        <ClockIcon className="size-8 text-zinc-400" />
        <p className="font-medium">No plays yet</p>
        <p className="max-w-xs text-sm text-zinc-600 dark:text-zinc-400">
          Songs you finish on Spotify show up here, newest first.
        </p>
      </div>
    );
  } else {
    body = (
      <div ref={rowsRef}>
        {groups.map((group) => (
          <section
            key={group.key}
            data-testid="day-group"
            aria-labelledby={`day-${group.key}`}
            className="pb-2"
          >
            <h3
              id={`day-${group.key}`}
              className="sticky top-16 z-[1] bg-white/90 px-2 py-2 text-xs font-semibold tracking-wider text-zinc-500 uppercase backdrop-blur sm:px-3 dark:bg-zinc-900/90 dark:text-zinc-400"
            >
              {group.label}
            </h3>
            <ol>
              {group.items.map((play) => (
                <PlayRow key={playKey(play)} play={play} arrived={arrived.has(playKey(play))} time={time} />
              ))}
            </ol>
          </section>
        ))}
        <ListFooter query={query} />
      </div>
    );
  }

  return (
    <RecentPlaysShell busy={query.isPending} count={plays.length}>
      {body}
    </RecentPlaysShell>
  );
}

function RecentPlaysShell({ busy, count, children }: { busy: boolean; count: number; children: ReactNode }) {
  return (
    <section
      aria-labelledby="recent-plays-heading"
      aria-busy={busy || undefined}
      data-testid="recent-plays"
      className="rounded-2xl bg-white p-2 shadow-sm ring-1 ring-zinc-200 sm:p-3 dark:bg-zinc-900 dark:ring-zinc-800"
    >
      <div className="flex h-10 items-center justify-between px-2 sm:px-3">
        <h2 id="recent-plays-heading" className="text-base font-semibold tracking-tight">
          Recently played
        </h2>
        {count > 0 ? (
          <span className="text-xs text-zinc-500 tabular-nums dark:text-zinc-400">
            {count} {count === 1 ? "play" : "plays"}
          </span>
        ) : null}
      </div>
      {children}
    </section>
  );
}

function ListFooter({ query }: { query: RecentQuery }) {
  if (query.hasNextPage) {
    return (
      <div className="flex flex-col items-center gap-2 px-2 pt-2 pb-3">
        <Button
          onClick={() => void query.fetchNextPage()}
          disabled={query.isFetchingNextPage}
          data-testid="load-more"
        >
          {query.isFetchingNextPage ? "Loading…" : "Load more"}
        </Button>
        {query.isFetchNextPageError ? (
          <p role="status" className="text-xs text-zinc-500 dark:text-zinc-400">
            Couldn&apos;t load more. Try again in a moment.
          </p>
        ) : null}
      </div>
    );
  }
  return (
    <p
      data-testid="window-end"
      className="px-3 pt-2 pb-3 text-center text-xs text-zinc-500 dark:text-zinc-400"
    >
      Spotify keeps only your last {RECENT_PLAYS_WINDOW} plays.
    </p>
  );
}

/** The list while it loads: a day heading and rows of the real rows' height. */
function RowsSkeleton({ rows = 8 }: { rows?: number }) {
  return (
    <div aria-hidden="true">
      <div className="px-2 py-2 sm:px-3">
        <Skeleton className="h-4 w-16" />
      </div>
      <ul>
        {Array.from({ length: rows }, (_, index) => (
          <PlayRowSkeleton key={index} />
        ))}
      </ul>
    </div>
  );
}
