// One demo listener's live player: the seeded autoplay timeline, test overrides, and listening history.

import { AutoplayDriver } from "./autoplay.ts";
import type { Catalog } from "./catalog.ts";
import { buildLibrary, type Library, type ListenerProfile } from "./listeners.ts";
import { ManualQueue } from "./manual-queue.ts";
import {
  advance,
  durationOf,
  finishCurrent,
  initialState,
  markChange,
  positionAt,
  startItem,
  stopPlayback,
  type FinishedPlay,
  type Playable,
  type PlayerState,
} from "./playback.ts";
import {
  drawLateness,
  loggedAtFor,
  type LateDraw,
  type LateLoggingConfig,
  type PlaySource,
} from "./late-logging.ts";
import { createRng, hashString, type Rng } from "./prng.ts";

export type PlayerAction =
  | { action: "play"; uri?: string; positionMs?: number; then?: "next" | "stop" }
  | { action: "pause" }
  | { action: "resume" }
  | { action: "stop" }
  | { action: "skip" }
  | { action: "seek"; positionMs: number }
  | { action: "ad"; durationMs?: number }
  | { action: "unknown" }
  | { action: "autoplay" };

/** Pre-startup listening simulated so every listener has more than the 50 reachable plays. */
const HISTORY_SPAN_MS = 24 * 60 * 60_000;
/**
 * Only the 50 most recent plays are reachable through the API, but GET /__emulator/listeners/:id/history
 * lets tests compare a recorder's store with everything logged: the cap holds the 24 h before startup
 * plus 48 simulated hours of the fastest listener (a skipper logs ~2,100 plays a day).
 */
export const HISTORY_CAP = 20_000;
/** Trimming in batches keeps a long fast-forward from shifting a 20,000-entry array on every play. */
const HISTORY_TRIM_SLACK = 1_000;
const DEFAULT_AD_MS = 30_000;

export class UnknownItemError extends Error {}

/** A finished play as Spotify logs it: `playedAt` is its end, `loggedAt` when it became visible. */
export interface LoggedPlay extends FinishedPlay {
  loggedAt: number;
  source: PlaySource;
  /** Kept so a config change can re-time the play while it is not logged yet. */
  late: LateDraw;
}

export class ListenerRuntime {
  readonly library: Library;
  /** Oldest first by playedAt (plays end in time order), including plays not logged yet. */
  private readonly history: LoggedPlay[] = [];
  /** Its own stream, so late logging does not change the seeded schedule's draws. */
  private readonly lateRng: Rng;
  private mode: "autoplay" | "manual" = "autoplay";
  private readonly autoState: PlayerState;
  private readonly autoDriver: AutoplayDriver;
  private manualState: PlayerState;
  private readonly manualQueue: ManualQueue;

  constructor(
    readonly profile: ListenerProfile,
    catalog: Catalog,
    seed: number,
    startedAt: number,
    private readonly lateLogging: () => LateLoggingConfig,
  ) {
    this.library = buildLibrary(catalog, seed, profile.id);
    const rng = createRng((seed * 31 + hashString(`autoplay:${profile.id}`)) >>> 0);
    this.lateRng = createRng((seed * 31 + hashString(`late-logging:${profile.id}`)) >>> 0);
    this.autoDriver = new AutoplayDriver(rng, this.library, profile.product === "free", profile.style);
    this.manualQueue = new ManualQueue(this.library);
    this.manualState = initialState(startedAt);
    // The schedule starts hours before startup; advancing to "now" fills the history.
    const origin = startedAt - HISTORY_SPAN_MS;
    this.autoState = initialState(origin);
    this.autoState.wakeAt = origin;
    advance(this.autoState, startedAt, this.autoDriver, this.recordAutoPlay);
    if (
      profile.playingAtStartup &&
      (this.autoState.status !== "playing" || this.autoState.current?.kind !== "track")
    ) {
      finishCurrent(this.autoState, startedAt, this.recordAutoPlay);
      this.autoDriver.startFresh(this.autoState, startedAt);
    }
    // The day before startup is settled: all of it is logged by startup, so a test that starts
    // right after a reset never sees an old play pop up mid-test. Plays ending later can be late.
    for (const play of this.history) play.loggedAt = Math.min(play.loggedAt, startedAt);
  }

  private record(play: FinishedPlay, source: PlaySource): void {
    // Drawn for every play whatever the config, so the sequence of fates is fixed by the seed.
    const late = drawLateness(this.lateRng);
    const loggedAt = loggedAtFor(play.playedAt, late, source, this.lateLogging());
    this.history.push({ ...play, loggedAt, source, late });
    if (this.history.length > HISTORY_CAP + HISTORY_TRIM_SLACK)
      this.history.splice(0, this.history.length - HISTORY_CAP);
  }

  private readonly recordAutoPlay = (play: FinishedPlay): void => this.record(play, "autoplay");
  private readonly recordManualPlay = (play: FinishedPlay): void => this.record(play, "manual");
  private readonly ignorePlay = (): void => {};

  /** Brings both timelines up to `now`; only the visible one writes history. */
  sync(now: number): void {
    const autoVisible = this.mode === "autoplay";
    advance(this.autoState, now, this.autoDriver, autoVisible ? this.recordAutoPlay : this.ignorePlay);
    if (!autoVisible) advance(this.manualState, now, this.manualQueue, this.recordManualPlay);
  }

  /**
   * The late-logging config changed: plays not logged yet follow the new one (logged at once if it
   * says they are due). Plays already visible stay visible; Spotify never takes a play back.
   */
  relog(now: number): void {
    this.sync(now);
    const config = this.lateLogging();
    for (const play of this.history) {
      if (play.loggedAt <= now) continue;
      play.loggedAt = Math.max(now, loggedAtFor(play.playedAt, play.late, play.source, config));
    }
  }

  /** The state the Web API reports, synced to `now`. */
  stateAt(now: number): PlayerState {
    this.sync(now);
    return this.mode === "autoplay" ? this.autoState : this.manualState;
  }

  /**
   * Up to `max` plays logged by `now`, newest first by playedAt: a late play takes its playedAt
   * place once logged, so it can land behind plays that were listed before it.
   */
  recentPlays(now: number, max: number): LoggedPlay[] {
    this.sync(now);
    const plays: LoggedPlay[] = [];
    for (let i = this.history.length - 1; i >= 0 && plays.length < max; i--) {
      const play = this.history[i];
      if (play && play.loggedAt <= now) plays.push(play);
    }
    return plays;
  }

  /** Every play logged by `now` that ended at or after `sinceMs`, oldest first. */
  loggedPlays(now: number, sinceMs = 0): LoggedPlay[] {
    this.sync(now);
    const from = firstIndexPlayedFrom(this.history, sinceMs);
    const plays: LoggedPlay[] = [];
    for (let i = from; i < this.history.length; i++) {
      const play = this.history[i];
      if (play && play.loggedAt <= now) plays.push(play);
    }
    return plays;
  }

  apply(cmd: PlayerAction, now: number): void {
    this.sync(now);
    if (cmd.action === "autoplay") {
      this.returnToAutoplay(now);
      return;
    }
    const s = this.takeManualControl(now);
    const q = this.manualQueue;
    switch (cmd.action) {
      case "play": {
        if (cmd.uri === undefined && s.current && s.status !== "stopped") {
          if (s.status === "paused") this.resume(s, now);
          if (cmd.positionMs !== undefined) this.seek(s, now, cmd.positionMs);
          q.then = cmd.then ?? "next";
          return;
        }
        const playable = cmd.uri === undefined ? this.firstTrack() : this.findPlayable(cmd.uri);
        finishCurrent(s, now, this.recordManualPlay);
        if (playable.kind === "track") q.cursor = this.library.tracks.indexOf(playable.track);
        const context =
          playable.kind === "track"
            ? ({ type: "album", id: playable.track.album.id } as const)
            : playable.kind === "episode"
              ? ({ type: "show", id: playable.episode.show.id } as const)
              : null;
        startItem(s, playable, context, now, cmd.positionMs ?? 0);
        q.then = cmd.then ?? "next";
        return;
      }
      case "pause":
        if (s.status === "playing") {
          markChange(s, now);
          s.status = "paused";
        }
        return;
      case "resume":
        this.resume(s, now);
        return;
      case "stop":
        finishCurrent(s, now, this.recordManualPlay);
        stopPlayback(s, now);
        return;
      case "skip":
        finishCurrent(s, now, this.recordManualPlay);
        q.playNextTrack(s, now);
        return;
      case "seek":
        this.seek(s, now, cmd.positionMs);
        return;
      case "ad":
        finishCurrent(s, now, this.recordManualPlay);
        startItem(s, { kind: "ad", durationMs: cmd.durationMs ?? DEFAULT_AD_MS }, null, now);
        q.then = "next";
        return;
      case "unknown":
        finishCurrent(s, now, this.recordManualPlay);
        startItem(s, { kind: "unknown" }, null, now);
        return;
    }
  }

  private resume(s: PlayerState, now: number): void {
    if (s.status !== "paused") return;
    markChange(s, now);
    s.status = "playing";
  }

  private seek(s: PlayerState, now: number, positionMs: number): void {
    if (!s.current) return;
    markChange(s, now);
    const duration = durationOf(s.current);
    s.positionMs = Math.max(0, duration === null ? positionMs : Math.min(positionMs, duration));
  }

  /** Switches to the manual queue, carrying over whatever is playing right now. */
  private takeManualControl(now: number): PlayerState {
    if (this.mode === "manual") return this.manualState;
    const copy: PlayerState = { ...this.autoState, autoPauseAtMs: null, autoSkipAtMs: null, wakeAt: null };
    markChange(copy, now);
    copy.evaluatedAt = now;
    // A quiet spell or an auto-pause belongs to the schedule, not to the test's player.
    if (copy.status === "stopped") copy.current = null;
    const cur = copy.current;
    this.manualQueue.cursor = cur?.kind === "track" ? this.library.tracks.indexOf(cur.track) : -1;
    this.manualQueue.then = "next";
    this.manualState = copy;
    this.mode = "manual";
    return copy;
  }

  /** Rejoins the seeded schedule where it is now; that moment counts as a state change. */
  private returnToAutoplay(now: number): void {
    if (this.mode === "autoplay") return;
    finishCurrent(this.manualState, now, this.recordManualPlay);
    markChange(this.autoState, now);
    this.autoState.listenedMs = 0;
    this.mode = "autoplay";
  }

  private firstTrack(): Playable {
    const track = this.library.tracks[0];
    if (!track) throw new UnknownItemError("library has no tracks");
    return { kind: "track", track };
  }

  private findPlayable(uri: string): Playable {
    const lib = this.library;
    const track = lib.tracks.find((t) => `spotify:track:${t.id}` === uri);
    if (track) return { kind: "track", track };
    const episode = lib.episodes.find((e) => `spotify:episode:${e.id}` === uri);
    if (episode) return { kind: "episode", episode };
    const local = lib.localFiles.find((l) => l.uri === uri);
    if (local) return { kind: "local", local };
    throw new UnknownItemError(`${uri} is not in ${this.profile.id}'s library`);
  }

  positionNow(now: number): number {
    return positionAt(this.stateAt(now), now);
  }
}

/** Binary search: the first play (history is sorted by playedAt) with playedAt >= `sinceMs`. */
function firstIndexPlayedFrom(history: readonly FinishedPlay[], sinceMs: number): number {
  let lo = 0;
  let hi = history.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((history[mid]?.playedAt ?? Infinity) < sinceMs) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
