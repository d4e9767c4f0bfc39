// The seeded "what the listener does on their own" schedule: listening sessions, pauses, quiet spells, ads.

import type { Track } from "./catalog.ts";
import type { Library, ListeningStyle } from "./listeners.ts";
import { startItem, stopPlayback, type PlayContext, type PlayerState, type QueueDriver } from "./playback.ts";
import type { Rng } from "./prng.ts";

interface Session {
  context: PlayContext | null;
  /** Tracks still to play in this session, in order. */
  queue: Track[];
}

const MINUTE = 60_000;
/** A skipper hears 31-45 s of each item: past the 30 s that make it a play, so every skip is logged. */
const SKIP_AFTER_MIN_MS = 31_000;
const SKIP_AFTER_MAX_MS = 45_000;
/** A skipper's rare, short breaks (about one every 200 items, 4-15 min). */
const SKIPPER_QUIET_CHANCE = 0.005;

export class AutoplayDriver implements QueueDriver {
  private session: Session | null = null;

  constructor(
    private readonly rng: Rng,
    private readonly library: Library,
    private readonly freeTier: boolean,
    private readonly style: ListeningStyle = "steady",
  ) {}

  onItemEnded(state: PlayerState, at: number): void {
    const ended = state.current;
    // Free accounts hear an ad break between some tracks.
    if (
      this.freeTier &&
      ended &&
      (ended.kind === "track" || ended.kind === "local") &&
      this.rng.chance(0.22)
    ) {
      startItem(state, { kind: "ad", durationMs: this.rng.int(15, 30) * 1000 }, null, at);
      return;
    }
    // Quiet spell: nothing plays for a while (204 from the API), then a fresh session starts.
    const skipper = this.style === "skipper";
    if (ended?.kind !== "ad" && this.rng.chance(skipper ? SKIPPER_QUIET_CHANCE : 0.07)) {
      this.session = null;
      // Mostly short breaks; now and then an hour or more away from the music (never for a skipper).
      const quietMin = skipper
        ? this.rng.int(4, 15)
        : this.rng.chance(0.25)
          ? this.rng.int(60, 180)
          : this.rng.int(4, 25);
      stopPlayback(state, at, at + quietMin * MINUTE);
      return;
    }
    this.playNext(state, at);
  }

  onWake(state: PlayerState, at: number): void {
    this.session = null;
    this.playNext(state, at);
  }

  /** Starts a new track now (used to make a listener be mid-track at startup). */
  startFresh(state: PlayerState, at: number): void {
    this.session = this.newTrackSession();
    this.playNext(state, at);
  }

  private playNext(state: PlayerState, at: number): void {
    if (!this.session || this.session.queue.length === 0) {
      const r = this.rng.next();
      const episode = this.library.episodes.length > 0 ? this.rng.pick(this.library.episodes) : undefined;
      const local = this.library.localFiles[0];
      // A skipper never settles into a podcast (it would hold up the fast stream of plays).
      if (r < 0.04 && episode && this.style !== "skipper") {
        this.session = null;
        startItem(state, { kind: "episode", episode }, { type: "show", id: episode.show.id }, at, 0);
        return;
      }
      if (r < 0.07 && local) {
        this.session = null;
        startItem(state, { kind: "local", local }, null, at);
        if (this.style === "skipper") state.autoSkipAtMs = this.rng.int(SKIP_AFTER_MIN_MS, SKIP_AFTER_MAX_MS);
        return;
      }
      this.session = this.newTrackSession();
    }
    const track = this.session.queue.shift();
    if (!track) throw new Error("autoplay session without tracks");
    startItem(state, { kind: "track", track }, this.session.context, at);
    if (this.style === "skipper") {
      state.autoSkipAtMs = this.rng.int(SKIP_AFTER_MIN_MS, SKIP_AFTER_MAX_MS);
      return;
    }
    // Now and then the listener pauses mid-track for a few minutes.
    if (this.rng.chance(0.06)) {
      state.autoPauseAtMs = Math.round(track.durationMs * (0.2 + this.rng.next() * 0.6));
      state.autoPauseForMs = this.rng.int(1, 8) * MINUTE;
    }
  }

  private newTrackSession(): Session {
    const lib = this.library;
    const length = this.rng.int(3, 12);
    const r = this.rng.next();
    if (r < 0.3 && lib.albums.length > 0) {
      const album = this.rng.pick(lib.albums);
      const tracks = lib.tracks.filter((t) => t.album.id === album.id);
      const start = this.rng.int(0, Math.max(0, tracks.length - 1));
      return { context: { type: "album", id: album.id }, queue: tracks.slice(start) };
    }
    if (r < 0.45 && lib.artists.length > 0) {
      const artist = this.rng.pick(lib.artists);
      const tracks = lib.tracks.filter((t) => t.artists.some((a) => a.id === artist.id));
      if (tracks.length > 0) {
        return {
          context: { type: "artist", id: artist.id },
          queue: this.rng.shuffle(tracks).slice(0, length),
        };
      }
    }
    const queue = Array.from({ length }, () => this.rng.pick(lib.tracks));
    if (r < 0.85 && lib.playlists.length > 0) {
      return { context: { type: "playlist", id: this.rng.pick(lib.playlists).id }, queue };
    }
    return { context: null, queue };
  }
}
