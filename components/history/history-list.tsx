"use client";
// The history's rows, virtualized against the window's scroll (@tanstack/react-virtual): only the
// rows on screen (and a few either side) are in the DOM, so 100,000 plays scroll like 100. The next
// page loads as the end comes near. When newer plays arrive at the top while the listener is further
// down, the scroll moves by their height, so what they were reading stays put.
import { useWindowVirtualizer } from "@tanstack/react-virtual";
import { useCallback, useLayoutEffect, useMemo, useRef, useState } from "react";
import type { CoverageGap, StoredPlay } from "@/lib/listening";
import { useNow } from "@/lib/client/use-now";
import { localTimeZone } from "@/lib/client/format-time";
import { type HistoryView, viewSearch } from "@/lib/client/history-view";
import { Badge } from "@/components/ui/badge";
import { PlayRow } from "@/components/plays/play-row";
import { GapNotice } from "./gap-notice";
import { historyItems } from "./history-items";

/** Rows have fixed heights (a play 64 px, a day heading 40 px); gaps are measured. */
const ESTIMATE = { day: 40, play: 64, gap: 96 } as const;
/** Ask for the next page when this few rows are left below the screen. */
const PREFETCH_ROWS = 40;

export function HistoryList({
  plays,
  gaps,
  view,
  arrived,
  hasNextPage,
  isFetchingNextPage,
  fetchNextPage,
}: {
  plays: StoredPlay[];
  gaps: CoverageGap[];
  view: HistoryView;
  arrived: ReadonlySet<string>;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => void;
}) {
  const now = useNow(30_000);
  const timeZone = localTimeZone();
  const time = useMemo(() => ({ now, timeZone }), [now, timeZone]);
  const items = useMemo(
    () => historyItems(plays, gaps, time, !hasNextPage),
    [plays, gaps, time, hasNextPage],
  );
  const listRef = useRef<HTMLOListElement | null>(null);
  // Where the list starts on the page (the toolbar above it can grow): the virtualizer's origin.
  const [scrollMargin, setScrollMargin] = useState(0);
  const attachList = useCallback((node: HTMLOListElement | null) => {
    listRef.current = node;
    if (!node) return;
    const measure = () => setScrollMargin(node.getBoundingClientRect().top + window.scrollY);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(document.body);
    return () => observer.disconnect();
  }, []);
  const virtualizer = useWindowVirtualizer({
    count: items.length,
    estimateSize: (index) => ESTIMATE[items[index]?.kind ?? "play"],
    overscan: 12,
    scrollMargin,
    getItemKey: (index) => items[index]?.key ?? index,
  });
  const rows = virtualizer.getVirtualItems();

  // Near the end: the next page.
  const lastIndex = rows.at(-1)?.index ?? 0;
  useLayoutEffect(() => {
    if (hasNextPage && !isFetchingNextPage && lastIndex >= items.length - PREFETCH_ROWS) fetchNextPage();
  }, [lastIndex, items.length, hasNextPage, isFetchingNextPage, fetchNextPage]);

  // Plays arrived above what the listener was looking at: keep it where it was. Only an arrival at
  // the top moves rows (older pages are added below), so only a new first row is compensated.
  const top = useRef<{ key: string; start: number } | null>(null);
  useLayoutEffect(() => {
    const previous = top.current;
    const first = items[0];
    if (previous && first && first.key !== previous.key && window.scrollY > scrollMargin) {
      const index = items.findIndex((item) => item.key === previous.key);
      const start = index >= 0 ? virtualizer.measurementsCache[index]?.start : undefined;
      if (start !== undefined && start > previous.start) window.scrollBy(0, start - previous.start);
    }
    top.current = first
      ? { key: first.key, start: virtualizer.measurementsCache[0]?.start ?? scrollMargin }
      : null;
  }, [items]); // eslint-disable-line react-hooks/exhaustive-deps

  const hrefFor = (change: Partial<HistoryView>) => `/history${viewSearch({ ...view, ...change, at: null })}`;

  return (
    <ol
      ref={attachList}
      aria-label="Plays, newest first"
      data-testid="history-list"
      style={{
        position: "relative",
        // The browser's own scroll anchoring would fight the padding that stands for unrendered rows.
        overflowAnchor: "none",
        paddingTop: (rows[0]?.start ?? scrollMargin) - scrollMargin,
        paddingBottom: Math.max(
          0,
          virtualizer.getTotalSize() + scrollMargin - (rows.at(-1)?.end ?? scrollMargin),
        ),
      }}
    >
      {rows.map((row) => {
        const item = items[row.index]!;
        if (item.kind === "day") {
          return (
            <li
              key={row.key}
              ref={virtualizer.measureElement}
              data-index={row.index}
              className="flex h-10 items-end px-2 pb-1.5 sm:px-3"
            >
              <h2 className="text-xs font-semibold tracking-wider text-zinc-500 uppercase dark:text-zinc-400">
                {item.label}
              </h2>
            </li>
          );
        }
        if (item.kind === "gap") {
          return (
            <li key={row.key} ref={virtualizer.measureElement} data-index={row.index}>
              <GapNotice gap={item.gap} timeZone={timeZone} />
            </li>
          );
        }
        const { play } = item;
        return (
          <PlayRow
            key={row.key}
            ref={virtualizer.measureElement}
            index={row.index}
            testId="history-play"
            play={play}
            arrived={arrived.has(play.id)}
            time={time}
            badge={play.source === "imported" ? <Badge>Imported</Badge> : null}
            filterLinks={{
              artists: play.artistKeys.map((artist) => hrefFor({ artist })),
              album: play.albumKey ? hrefFor({ album: play.albumKey }) : null,
            }}
          />
        );
      })}
    </ol>
  );
}
