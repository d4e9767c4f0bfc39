// The playback state machine: what a player is doing, advanced lazily from the clock (no timers).

import type { Episode, LocalFile, Track } from "./catalog.ts";

export type Playable =
  | { kind: "track"; track: Track }
  | { kind: "local"; local: LocalFile }
  | { kind: "episode"; episode: Episode }
  | { kind: "ad"; durationMs: number }
  | { kind: "unknown" };

export interface PlayContext {
  type: "album" | "playlist" | "artist" | "show";
  id: string;
}

export interface PlayerState {
  status: "playing" | "paused" | "stopped";
  current: Playable | null;
  context: PlayContext | null;
  /** Position at `changedAt`; the live position is derived from the clock while playing. */
  positionMs: number;
  /** Time of the last state change (play, pause, seek, new item): the API's `timestamp`. */
  changedAt: number;
  /** Listening time on the current item as of `changedAt` (decides whether it enters history). */
  listenedMs: number;
  /** Autoplay only: position at which the simulated user pauses, and for how long. */
  autoPauseAtMs: number | null;
  autoPauseForMs: number;
  /** Autoplay only: position at which the simulated user skips to the next item (a fast skipper). */
  autoSkipAtMs: number | null;
  /** Autoplay only: when a pause or a quiet spell ends. */
  wakeAt: number | null;
  evaluatedAt: number;
}

export interface FinishedPlay {
  playable: Playable;
  context: PlayContext | null;
  playedAt: number;
}

/** What comes next; the autoplay schedule and the manual queue implement this. */
export interface QueueDriver {
  /** The current item ended at `at`: put the next thing (or silence) into the state. */
  onItemEnded(state: PlayerState, at: number): void;
  /** A quiet spell (stopped with `wakeAt`) is over at `at`. */
  onWake(state: PlayerState, at: number): void;
}

/** History rule: a track or local file counts as played once listened to for at least 30 s. */
export const MIN_LISTEN_FOR_HISTORY_MS = 30_000;

export function durationOf(p: Playable): number | null {
  switch (p.kind) {
    case "track":
      return p.track.durationMs;
    case "local":
      return p.local.durationMs;
    case "episode":
      return p.episode.durationMs;
    case "ad":
      return p.durationMs;
    case "unknown":
      return null;
  }
}

export function initialState(at: number): PlayerState {
  return {
    status: "stopped",
    current: null,
    context: null,
    positionMs: 0,
    changedAt: at,
    listenedMs: 0,
    autoPauseAtMs: null,
    autoPauseForMs: 0,
    autoSkipAtMs: null,
    wakeAt: null,
    evaluatedAt: at,
  };
}

export function startItem(
  state: PlayerState,
  playable: Playable,
  context: PlayContext | null,
  at: number,
  positionMs = 0,
): void {
  const duration = durationOf(playable);
  state.status = "playing";
  state.current = playable;
  state.context = context;
  state.positionMs =
    duration === null ? Math.max(0, positionMs) : Math.min(Math.max(0, positionMs), duration);
  state.changedAt = at;
  state.listenedMs = 0;
  state.autoPauseAtMs = null;
  state.autoPauseForMs = 0;
  state.autoSkipAtMs = null;
  state.wakeAt = null;
}

export function stopPlayback(state: PlayerState, at: number, wakeAt: number | null = null): void {
  state.status = "stopped";
  state.current = null;
  state.context = null;
  state.positionMs = 0;
  state.changedAt = at;
  state.listenedMs = 0;
  state.autoPauseAtMs = null;
  state.autoSkipAtMs = null;
  state.wakeAt = wakeAt;
}

export function positionAt(state: PlayerState, at: number): number {
  if (state.status !== "playing" || !state.current) return state.positionMs;
  const elapsed = Math.max(0, at - state.changedAt);
  const duration = durationOf(state.current);
  const pos = state.positionMs + elapsed;
  return duration === null ? pos : Math.min(pos, duration);
}

export function listenedAt(state: PlayerState, at: number): number {
  return state.listenedMs + (state.status === "playing" ? Math.max(0, at - state.changedAt) : 0);
}

/** Re-bases the state at `at` (a state change): position and listening time are folded in. */
export function markChange(state: PlayerState, at: number): void {
  state.positionMs = positionAt(state, at);
  state.listenedMs = listenedAt(state, at);
  state.changedAt = at;
}

/** Hands the current item to history if it was listened to long enough, as of `at`. */
export function finishCurrent(state: PlayerState, at: number, record: (play: FinishedPlay) => void): void {
  const cur = state.current;
  if (!cur || (cur.kind !== "track" && cur.kind !== "local")) return;
  if (listenedAt(state, at) >= MIN_LISTEN_FOR_HISTORY_MS)
    record({ playable: cur, context: state.context, playedAt: at });
}

/** Replays every event (item ends, autoplay pauses and wake-ups) between the last evaluation and `now`. */
export function advance(
  state: PlayerState,
  now: number,
  driver: QueueDriver,
  record: (play: FinishedPlay) => void,
): void {
  const target = Math.max(now, state.evaluatedAt);
  for (let guard = 0; guard < 5_000_000; guard++) {
    if (state.status === "playing" && state.current) {
      const duration = durationOf(state.current);
      const naturalEnd = duration === null ? Infinity : state.changedAt + (duration - state.positionMs);
      const skipAt =
        state.autoSkipAtMs !== null && state.autoSkipAtMs > state.positionMs
          ? state.changedAt + (state.autoSkipAtMs - state.positionMs)
          : Infinity;
      // A skip ends the item just like reaching its end: it is logged (if >= 30 s) and the next one starts.
      const endAt = Math.min(naturalEnd, skipAt);
      const pauseAt =
        state.autoPauseAtMs !== null && state.autoPauseAtMs > state.positionMs
          ? state.changedAt + (state.autoPauseAtMs - state.positionMs)
          : Infinity;
      if (pauseAt <= target && pauseAt < endAt) {
        markChange(state, pauseAt);
        state.status = "paused";
        state.wakeAt = pauseAt + state.autoPauseForMs;
        state.autoPauseAtMs = null;
        continue;
      }
      if (endAt <= target) {
        finishCurrent(state, endAt, record);
        driver.onItemEnded(state, endAt);
        continue;
      }
      break;
    }
    if (state.status === "paused" && state.wakeAt !== null && state.wakeAt <= target) {
      state.changedAt = state.wakeAt;
      state.status = "playing";
      state.wakeAt = null;
      continue;
    }
    if (state.status === "stopped" && state.wakeAt !== null && state.wakeAt <= target) {
      const at = state.wakeAt;
      state.wakeAt = null;
      driver.onWake(state, at);
      continue;
    }
    break;
  }
  state.evaluatedAt = target;
}
