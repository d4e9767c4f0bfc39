// Where the playhead is now, between polls. The server stamps each answer with `readAt` (its clock);
// the browser measures how far its own clock is from the server's and advances the progress by the
// time elapsed since then, so a skewed laptop clock neither rushes nor stalls the bar.
import type { PlayerState } from "@/lib/listening";

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
