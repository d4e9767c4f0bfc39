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
import { createRng, hashString } from "./prng.ts";

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
/** Older plays can never be reached through the API (only the 50 most recent are). */
const HISTORY_CAP = 200;
const DEFAULT_AD_MS = 30_000;

export class UnknownItemError extends Error {}

export class ListenerRuntime {
  readonly library: Library;
  /** Oldest first. */
  readonly history: FinishedPlay[] = [];
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
  ) {
    this.library = buildLibrary(catalog, seed, profile.id);
    const rng = createRng((seed * 31 + hashString(`autoplay:${profile.id}`)) >>> 0);
    this.autoDriver = new AutoplayDriver(rng, this.library, profile.product === "free");
    this.manualQueue = new ManualQueue(this.library);
    this.manualState = initialState(startedAt);
    // The schedule starts hours before startup; advancing to "now" fills the history.
    const origin = startedAt - HISTORY_SPAN_MS;
    this.autoState = initialState(origin);
    this.autoState.wakeAt = origin;
    advance(this.autoState, startedAt, this.autoDriver, this.recordPlay);
    if (
      profile.playingAtStartup &&
      (this.autoState.status !== "playing" || this.autoState.current?.kind !== "track")
    ) {
      finishCurrent(this.autoState, startedAt, this.recordPlay);
      this.autoDriver.startFresh(this.autoState, startedAt);
    }
  }

  private readonly recordPlay = (play: FinishedPlay): void => {
    this.history.push(play);
    if (this.history.length > HISTORY_CAP) this.history.splice(0, this.history.length - HISTORY_CAP);
  };

  private readonly ignorePlay = (): void => {};

  /** Brings both timelines up to `now`; only the visible one writes history. */
  sync(now: number): void {
    const autoVisible = this.mode === "autoplay";
    advance(this.autoState, now, this.autoDriver, autoVisible ? this.recordPlay : this.ignorePlay);
    if (!autoVisible) advance(this.manualState, now, this.manualQueue, this.recordPlay);
  }

  /** The state the Web API reports, synced to `now`. */
  stateAt(now: number): PlayerState {
    this.sync(now);
    return this.mode === "autoplay" ? this.autoState : this.manualState;
  }

  /** Newest first. */
  recentPlays(now: number): FinishedPlay[] {
    this.sync(now);
    return [...this.history].reverse();
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
        finishCurrent(s, now, this.recordPlay);
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
        finishCurrent(s, now, this.recordPlay);
        stopPlayback(s, now);
        return;
      case "skip":
        finishCurrent(s, now, this.recordPlay);
        q.playNextTrack(s, now);
        return;
      case "seek":
        this.seek(s, now, cmd.positionMs);
        return;
      case "ad":
        finishCurrent(s, now, this.recordPlay);
        startItem(s, { kind: "ad", durationMs: cmd.durationMs ?? DEFAULT_AD_MS }, null, now);
        q.then = "next";
        return;
      case "unknown":
        finishCurrent(s, now, this.recordPlay);
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
    const copy: PlayerState = { ...this.autoState, autoPauseAtMs: null, wakeAt: null };
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
    finishCurrent(this.manualState, now, this.recordPlay);
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
