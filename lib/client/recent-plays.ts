// Pure helpers for the recent-plays list: one identity per play, merging newer plays in at the top,
// and flattening the infinite query's pages without duplicates.
import type { Play, RecentPlays } from "@/lib/listening";

/** A play is one item at one moment; local files have no id, so their title stands in. */
export function playKey(play: Play): string {
  return `${play.playedAt}|${play.track.id ?? `local:${play.track.title}`}`;
}

export function playedAtMs(play: Play): number {
  const ms = Date.parse(play.playedAt);
  return Number.isNaN(ms) ? 0 : ms;
}

/** Newest first, each play once. Stable for equal times. */
export function dedupePlays(plays: Play[]): Play[] {
  const seen = new Set<string>();
  const out: Play[] = [];
  for (const play of plays) {
    const key = playKey(play);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(play);
  }
  return out
    .map((play, index) => ({ play, index }))
    .sort((a, b) => playedAtMs(b.play) - playedAtMs(a.play) || a.index - b.index)
    .map(({ play }) => play);
}

/** Merges `incoming` (any order) into `existing` (newest first); returns the list and what was new. */
export function mergePlays(existing: Play[], incoming: Play[]): { plays: Play[]; added: Play[] } {
  const known = new Set(existing.map(playKey));
  const added = dedupePlays(incoming.filter((play) => !known.has(playKey(play))));
  if (added.length === 0) return { plays: existing, added };
  return { plays: dedupePlays([...added, ...existing]), added };
}

export function flattenPages(pages: readonly RecentPlays[]): Play[] {
  return dedupePlays(pages.flatMap((page) => page.plays));
}

/** The newest play's time in ms, for `after=`; null when nothing is loaded. */
export function newestPlayedAt(pages: readonly RecentPlays[]): number | null {
  let newest: number | null = null;
  for (const page of pages) for (const play of page.plays) newest = Math.max(newest ?? 0, playedAtMs(play));
  return newest;
}

/** Puts newer plays at the top of the first page; the cursors of later pages stay valid. */
export function prependToPages(
  pages: RecentPlays[],
  incoming: Play[],
): { pages: RecentPlays[]; added: Play[] } {
  const [first, ...rest] = pages;
  // Nothing loaded yet: the caller fetches the first page instead.
  if (!first) return { pages, added: [] };
  const { plays, added } = mergePlays(first.plays, incoming);
  if (added.length === 0) return { pages, added };
  // Drop from the first page anything a later page already shows (a play cannot be in two places).
  const later = new Set(rest.flatMap((page) => page.plays.map(playKey)));
  return { pages: [{ ...first, plays: plays.filter((play) => !later.has(playKey(play))) }, ...rest], added };
}
