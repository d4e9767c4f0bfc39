"use client";
// The recent-plays list, grouped by day in the listener's time zone, paged back with "Load more"
// until Spotify's 50-play window ends. Newly arrived plays slide in at the top, briefly highlighted.
import type { InfiniteData, UseInfiniteQueryResult } from "@tanstack/react-query";
import { type ReactNode, useRef } from "react";
import NextLink from "next/link";
import type { Play } from "@/lib/listening";
import type { RecentPage } from "@/lib/client/queries";
import { groupByDay } from "@/lib/client/format-time";
import type { ShownTime } from "@/lib/client/use-listener-time";
import { RECENT_PLAYS_WINDOW } from "@/lib/listening/limits";
import { playedAtMs, playKey } from "@/lib/listening/plays";
import { useNow } from "@/lib/client/use-now";
import { useKeepPlace } from "@/lib/client/use-keep-place";
import { Button, focusRing } from "@/components/ui/button";
import { ClockIcon } from "@/components/ui/icons";
import { PlayRow, PlayRowsSkeleton } from "@/components/plays/play-row";

type RecentQuery = UseInfiniteQueryResult<InfiniteData<RecentPage, unknown>, unknown>;

export function RecentPlaysList({
  query,
  plays,
  arrived,
  shownTime,
  readAt,
}: {
  query: RecentQuery;
  plays: Play[];
  arrived: ReadonlySet<string>;
  /** The zone and locale to group and word the times in (lib/client/use-listener-time.ts). */
  shownTime: ShownTime;
  /** When the server read the plays it drew: the clock while hydrating, so both draw the same times. */
  readAt: number | undefined;
}) {
  // Relative times and the "Today" label follow the clock; a 30 s tick is plenty.
  const now = useNow(30_000, true, readAt);
  const time = { now, timeZone: shownTime.timeZone, locale: shownTime.locale };
  const groups = groupByDay(plays, playedAtMs, time);
  const rowsRef = useRef<HTMLDivElement>(null);
  // Day groups and the rows within them: a play arriving at the top pushes the groups below it down
  // too. Each is positioned (relative), so a row's place is measured within its group and nothing
  // glides twice.
  useKeepPlace(rowsRef, "section, li");

  let body;
  if (query.isPending) {
    body = <PlayRowsSkeleton />;
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
      <div ref={rowsRef} className="relative">
        {groups.map((group) => (
          <section
            key={group.key}
            data-testid="day-group"
            aria-labelledby={`day-${group.key}`}
            className="relative pb-2"
          >
            <h3
              id={`day-${group.key}`}
              className="sticky top-16 z-[1] bg-white/90 px-2 py-2 text-xs font-semibold tracking-wider text-zinc-500 uppercase backdrop-blur sm:px-3 dark:bg-zinc-900/90 dark:text-zinc-400"
            >
              {group.label}
            </h3>
            <ol>
              {group.items.map((play) => (
                <PlayRow
                  key={playKey(play)}
                  play={play}
                  arrived={arrived.has(playKey(play))}
                  time={time}
                  exactTime={shownTime.own}
                />
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
  const fromStore = query.data?.pages.at(-1)?.source === "store";
  return (
    <p
      data-testid="window-end"
      className="px-3 pt-2 pb-3 text-center text-xs text-zinc-500 dark:text-zinc-400"
    >
      {fromStore
        ? "That's every play Earshot has kept. "
        : `Spotify keeps only your last ${RECENT_PLAYS_WINDOW} plays. `}
      <NextLink href="/history" className={`rounded-sm underline underline-offset-2 ${focusRing}`}>
        Browse your history
      </NextLink>
    </p>
  );
}
