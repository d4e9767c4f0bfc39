"use client";
// One play in a list of plays (recent plays today, history next): cover, title, artists and album,
// and when it was played (relative, with the exact time on hover and on keyboard focus).
import { type ReactNode, type Ref, useId } from "react";
import type { Play } from "@/lib/listening";
import { formatExactTime, formatRelative, type TimeOptions } from "@/lib/client/format-time";
import { coverKind } from "@/lib/listening/images";
import { ExplicitBadge } from "@/components/ui/badge";
import { focusRing } from "@/components/ui/button";
import { MaybeLink } from "@/components/ui/maybe-link";
import { Skeleton } from "@/components/ui/skeleton";
import { ArtistLinks, FilterLink } from "./artist-links";
import { CoverArt } from "./cover-art";

// Lines 24 px apart: the title's and the artists' links are targets at least 24 px from each other
// (WCAG 2.2 target size), with no change to the row's height.
const ROW = "flex h-16 items-center gap-3 rounded-xl px-2 sm:px-3";

/** Where the artists' and album's names lead instead of Spotify: the history's filters. */
export type PlayFilterLinks = { artists: string[]; album: string | null };

export function PlayRow({
  play,
  arrived,
  time,
  filterLinks,
  badge,
  ref,
  index,
  testId = "recent-play",
  exactTime = true,
}: {
  play: Play;
  arrived: boolean;
  time: TimeOptions;
  /** false: no exact time yet (a row drawn by the server, see lib/client/use-listener-time.ts). */
  exactTime?: boolean;
  filterLinks?: PlayFilterLinks;
  /** Shown before the artists (e.g. where the play came from). */
  badge?: ReactNode;
  /** For a virtualized list, which measures each row. */
  ref?: Ref<HTMLLIElement>;
  index?: number;
  testId?: string;
}) {
  const tooltipId = useId();
  const { track } = play;
  const exact = exactTime ? formatExactTime(play.playedAt, time) : undefined;
  return (
    <li
      ref={ref}
      data-index={index}
      data-testid={testId}
      className={`${ROW} transition-[background-color] hover:bg-zinc-100 dark:hover:bg-zinc-800/60 ${arrived ? "animate-arrive" : ""}`}
    >
      <CoverArt
        images={track.images}
        kind={coverKind(track)}
        alt=""
        sizes="48px"
        rounded="rounded-md"
        className="size-12"
        thumbnail
      />
      <div className="min-w-0 flex-1">
        <p className="truncate text-[15px] leading-6 font-medium">
          <MaybeLink href={track.url}>{track.title}</MaybeLink>
        </p>
        <p className="flex min-w-0 items-center gap-1.5 text-sm leading-6 text-zinc-600 dark:text-zinc-400">
          {track.explicit ? <ExplicitBadge /> : null}
          {badge}
          <span className="truncate">
            <ArtistLinks artists={track.artists} filterHrefs={filterLinks?.artists} />
            {track.album ? (
              <span className="hidden sm:inline">
                <span aria-hidden="true" className="px-1.5 text-zinc-400 dark:text-zinc-600">
                  ·
                </span>
                <span className="sr-only">, from </span>
                {filterLinks?.album ? (
                  <FilterLink href={filterLinks.album} label={`Show plays from ${track.album.name}`}>
                    {track.album.name}
                  </FilterLink>
                ) : (
                  <MaybeLink href={track.album.url}>{track.album.name}</MaybeLink>
                )}
              </span>
            ) : null}
          </span>
        </p>
      </div>
      <span className="relative shrink-0">
        <time
          dateTime={play.playedAt}
          title={exact}
          tabIndex={0}
          aria-describedby={tooltipId}
          className={`peer rounded-sm text-xs whitespace-nowrap text-zinc-500 tabular-nums dark:text-zinc-400 ${focusRing}`}
        >
          {formatRelative(play.playedAt, time)}
        </time>
        {/* Hover shows the native title; keyboard focus shows this (a title never appears on focus). */}
        <span
          id={tooltipId}
          role="tooltip"
          className="pointer-events-none absolute top-full right-0 z-10 mt-1.5 hidden rounded-md bg-zinc-900 px-2 py-1 text-xs whitespace-nowrap text-white shadow-lg peer-focus-visible:block dark:bg-zinc-100 dark:text-zinc-900"
        >
          {exact}
        </span>
      </span>
    </li>
  );
}

export function PlayRowSkeleton() {
  return (
    <li aria-hidden="true" className={ROW}>
      <Skeleton className="size-12 shrink-0 rounded-md" />
      <div className="min-w-0 flex-1 space-y-2">
        <Skeleton className="h-3.5 w-2/5" />
        <Skeleton className="h-3 w-3/5" />
      </div>
      <Skeleton className="h-3 w-12" />
    </li>
  );
}

/**
 * A list of plays while it loads: a day heading and rows of the real rows' height, so nothing moves
 * when they arrive. `heading`: the real list's heading box, for the placeholder's.
 */
export function PlayRowsSkeleton({
  rows = 8,
  heading = "px-2 py-2 sm:px-3",
}: {
  rows?: number;
  heading?: string;
}) {
  return (
    <div aria-hidden="true">
      <div className={heading}>
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
