// The history list's rows, in order: a heading for each day (in the listener's zone), the plays,
// and each coverage gap just above the newest play before it. Pure, so it is tested on its own.
import type { CoverageGap, StoredPlay } from "@/lib/listening";
import { dayKey, formatDayLabel, type TimeOptions } from "@/lib/client/format-time";

export type HistoryItem =
  | { kind: "day"; key: string; label: string }
  | { kind: "play"; key: string; play: StoredPlay }
  | { kind: "gap"; key: string; gap: CoverageGap };

/**
 * `complete`: every page is loaded, so a gap older than every play still belongs at the end. Gaps
 * whose place is not loaded yet wait for the page that holds it.
 */
export function historyItems(
  plays: readonly StoredPlay[],
  gaps: readonly CoverageGap[],
  time: TimeOptions & { timeZone: string },
  complete: boolean,
): HistoryItem[] {
  const pending = [...gaps].sort((a, b) => Date.parse(b.from) - Date.parse(a.from));
  const items: HistoryItem[] = [];
  const seen = new Set<string>();
  let day: string | null = null;
  const placeGapsAbove = (playedAt: number) => {
    while (pending.length > 0 && Date.parse(pending[0]!.from) >= playedAt) {
      const gap = pending.shift()!;
      items.push({ kind: "gap", key: `gap:${gap.from}|${gap.to}`, gap });
    }
  };
  for (const play of plays) {
    if (seen.has(play.id)) continue;
    seen.add(play.id);
    const playedAt = Date.parse(play.playedAt);
    const key = dayKey(playedAt, time.timeZone);
    // A gap sits in the day of the play under it: after that day's heading.
    if (key !== day) {
      day = key;
      items.push({ kind: "day", key: `day:${key}`, label: formatDayLabel(playedAt, time) });
    }
    placeGapsAbove(playedAt);
    items.push({ kind: "play", key: `play:${play.id}`, play });
  }
  if (complete) {
    for (const gap of pending) items.push({ kind: "gap", key: `gap:${gap.from}|${gap.to}`, gap });
  }
  return items;
}
