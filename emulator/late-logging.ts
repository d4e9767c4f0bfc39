// Spotify sometimes logs a play minutes after it ended: it then shows up in recently-played late,
// at its played_at position (behind plays that ended after it). This decides when each play is logged.

import type { Rng } from "./prng.ts";

export interface LateLoggingConfig {
  /** Share of plays logged late, 0..1; 0 logs every play the moment it ends. */
  share: number;
  /** A late play is logged this long after it ended, drawn uniformly in [minDelayMs, maxDelayMs]. */
  minDelayMs: number;
  maxDelayMs: number;
  /**
   * Whether plays made through the control API's player (manual mode) can be late too. Off by
   * default: browser tests drive the player and expect the play they just finished to be listed.
   */
  includeManual: boolean;
}

export function defaultLateLogging(): LateLoggingConfig {
  return { share: 1 / 12, minDelayMs: 60_000, maxDelayMs: 8 * 60_000, includeManual: false };
}

/**
 * A play's fate, drawn once when it ends. Keeping the raw draws (not the delay) lets a config change
 * re-time plays not logged yet, and keeps the seeded sequence independent of the config.
 */
export interface LateDraw {
  /** Late when below the configured share. */
  roll: number;
  /** Where in [minDelayMs, maxDelayMs] the delay falls. */
  fraction: number;
}

export type PlaySource = "autoplay" | "manual";

export function drawLateness(rng: Rng): LateDraw {
  return { roll: rng.next(), fraction: rng.next() };
}

/** When a play that ended at `playedAt` is logged under `config`; always >= playedAt. */
export function loggedAtFor(
  playedAt: number,
  draw: LateDraw,
  source: PlaySource,
  config: LateLoggingConfig,
): number {
  if (source === "manual" && !config.includeManual) return playedAt;
  if (draw.roll >= config.share) return playedAt;
  const span = Math.max(0, config.maxDelayMs - config.minDelayMs);
  return playedAt + config.minDelayMs + Math.round(draw.fraction * span);
}
