// What counts as a play, and how plays are kept: one identity per play, when a change of what is
// playing makes a new play (and when Spotify logs it), merging newer plays in at the top, and
// flattening pages without duplicates. Pure: the server and the browser both use it.
import { playbackKey, progressAt } from "./playback";
import type { Play, PlayerState, RecentPlays } from "./types";

/**
 * A play is one item at one moment; local files have no id, so their title stands in. The moment is
 * taken in ms, not as written: Spotify and the store write the same instant differently.
 */
export function playKey(play: Play): string {
  return `${playedAtMs(play)}|${play.track.id ?? `local:${play.track.title}`}`;
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
export function prependToPages<Page extends RecentPlays>(
  pages: Page[],
  incoming: Play[],
): { pages: Page[]; added: Play[] } {
  const [first, ...rest] = pages;
  // Nothing loaded yet: the caller fetches the first page instead.
  if (!first) return { pages, added: [] };
  const { plays, added } = mergePlays(first.plays, incoming);
  if (added.length === 0) return { pages, added };
  // Drop from the first page anything a later page already shows (a play cannot be in two places).
  const later = new Set(rest.flatMap((page) => page.plays.map(playKey)));
  return { pages: [{ ...first, plays: plays.filter((play) => !later.has(playKey(play))) }, ...rest], added };
}

/**
 * True when `next` is a different play from `prev`: another item, or the same item started over
 * (repeat-one, or played again) which Spotify also logs as a new play.
 */
export function isNewPlay(
  prev: { player: PlayerState; offsetMs: number; receivedAt: number } | undefined,
  next: { player: PlayerState; offsetMs: number; receivedAt: number },
): boolean {
  if (!prev) return false;
  if (playbackKey(prev.player) !== playbackKey(next.player)) return true;
  if (next.player.state === "idle" || prev.player.state === "idle") return false;
  if (next.player.changedAt === prev.player.changedAt) return false;
  const expected = progressAt(prev.player, next.receivedAt, prev.offsetMs).positionMs;
  const actual = next.player.progressMs;
  // Restarted from (near) the top after having been well into the item.
  return expected !== null && actual !== null && actual < 10_000 && expected - actual > 20_000;
}

/** Spotify logs a play in recently-played once about 30 s of it were heard (or when it ends). */
export const LOGGED_AFTER_MS = 30_000;

/**
 * True when the change from `prev` to `next` should bring a new entry to recently-played: a new play
 * after a *track* (episodes and ads are never listed) heard for about 30 s or more. Skipping after
 * a few seconds, or stopping a track just begun, logs nothing: no need to ask.
 */
export function expectsLoggedPlay(
  prev: { player: PlayerState; offsetMs: number; receivedAt: number } | undefined,
  next: { player: PlayerState; offsetMs: number; receivedAt: number },
): boolean {
  if (!prev || !isNewPlay(prev, next)) return false;
  if (prev.player.state === "idle" || prev.player.item?.kind !== "track") return false;
  // When the change happened, on the server's clock: the new item's start when it says (its
  // position counted back), else at the latest when the answer was read (an upper bound).
  const after = next.player;
  const changedAt =
    after.state !== "idle" && after.progressMs !== null ? after.readAt - after.progressMs : after.readAt;
  const heard = progressAt(prev.player, changedAt - prev.offsetMs, prev.offsetMs).positionMs ?? 0;
  return heard >= LOGGED_AFTER_MS;
}
