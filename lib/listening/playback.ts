// Where the playhead is now, between polls (server and browser alike). The server stamps each answer with `readAt` (its clock);
// the browser measures how far its own clock is from the server's and advances the progress by the
// time elapsed since then, so a skewed laptop clock neither rushes nor stalls the bar.
import type { PlayerState } from "./types";

/**
 * Keeps the best estimate of `serverClock - clientClock`. Each answer gives `readAt - receivedAt`,
 * which is the true offset minus the time the answer spent travelling back (never negative), so the
 * largest recent sample is the one least blurred by the network.
 */
export class ClockOffset {
  #samples: number[] = [];
  constructor(private readonly keep = 8) {}

  add(serverReadAt: number, clientReceivedAt: number): number {
    this.#samples.push(serverReadAt - clientReceivedAt);
    if (this.#samples.length > this.keep) this.#samples.shift();
    return this.current();
  }

  current(): number {
    return this.#samples.length === 0 ? 0 : Math.max(...this.#samples);
  }
}

export type Progress = {
  /** Null when Spotify gave no position (ads, some devices). */
  positionMs: number | null;
  /** Null when the item has no known length (ads, unknown items). */
  durationMs: number | null;
  /** 0..1, or null when either side is unknown. */
  fraction: number | null;
  moving: boolean;
};

/** The playhead at client time `clientNow`, given the server-minus-client clock offset. */
export function progressAt(player: PlayerState, clientNow: number, offsetMs: number): Progress {
  if (player.state === "idle") return { positionMs: null, durationMs: null, fraction: null, moving: false };
  const durationMs = player.durationMs ?? player.item?.durationMs ?? null;
  const moving = player.state === "playing";
  if (player.progressMs === null) return { positionMs: null, durationMs, fraction: null, moving };
  let positionMs = player.progressMs;
  if (moving) positionMs += Math.max(0, clientNow + offsetMs - player.readAt);
  positionMs = Math.max(0, positionMs);
  if (durationMs !== null && durationMs > 0) positionMs = Math.min(positionMs, durationMs);
  const fraction = durationMs !== null && durationMs > 0 ? positionMs / durationMs : null;
  return { positionMs, durationMs, fraction, moving };
}

/** Identifies what is playing, so the UI can tell a new item (or a restart of the same one). */
export function playbackKey(player: PlayerState | undefined): string | null {
  if (!player) return null;
  if (player.state === "idle") return "idle";
  const item = player.item;
  if (!item) return player.kind;
  return `${item.kind}:${item.id ?? item.title}`;
}
