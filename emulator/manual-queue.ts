// The simple deterministic queue a listener follows once a test drives playback: library tracks in order.

import type { Library } from "./listeners.ts";
import { startItem, stopPlayback, type PlayerState, type QueueDriver } from "./playback.ts";

export class ManualQueue implements QueueDriver {
  /** Index in library.tracks of the last track played from the library (-1: none yet). */
  cursor = -1;
  /** "stop": silence after the current item instead of the next library track. */
  then: "next" | "stop" = "next";

  constructor(private readonly library: Library) {}

  onItemEnded(state: PlayerState, at: number): void {
    if (this.then === "stop") {
      stopPlayback(state, at);
      return;
    }
    this.playNextTrack(state, at);
  }

  onWake(state: PlayerState, at: number): void {
    this.playNextTrack(state, at);
  }

  playNextTrack(state: PlayerState, at: number): void {
    const tracks = this.library.tracks;
    this.cursor = (this.cursor + 1) % tracks.length;
    const track = tracks[this.cursor];
    if (!track) {
      stopPlayback(state, at);
      return;
    }
    this.then = "next";
    startItem(state, { kind: "track", track }, { type: "album", id: track.album.id }, at);
  }
}
