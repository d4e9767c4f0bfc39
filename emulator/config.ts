// Runtime knobs tests can turn through POST /__emulator/config (token lifetimes, refresh policy, rate
// limit, late logging of plays).

import { z } from "zod";
import { defaultLateLogging, type LateLoggingConfig } from "./late-logging.ts";

export interface RateLimitConfig {
  /** Requests allowed per client in any rolling 30-second window. */
  budget: number;
  /** Fixed Retry-After; when absent it is computed from when the window frees up. */
  retryAfterSec?: number;
  /** Serve the 2026 Development Mode quota body instead of the classic one. */
  quotaExceeded: boolean;
}

export interface EmulatorConfig {
  accessTokenLifetimeSec: number;
  /** "keep": refresh replies carry no refresh_token (Spotify since 2026-07); "rotate": a new one, old revoked. */
  refreshPolicy: "keep" | "rotate";
  refreshTokenLifetimeSec: number;
  /** null: no rate limiting at all. */
  rateLimit: RateLimitConfig | null;
  /** Plays that show up in recently-played minutes after they ended. */
  lateLogging: LateLoggingConfig;
}

const SIX_MONTHS_SEC = 183 * 24 * 60 * 60;

export function defaultConfig(): EmulatorConfig {
  return {
    accessTokenLifetimeSec: 3600,
    refreshPolicy: "keep",
    refreshTokenLifetimeSec: SIX_MONTHS_SEC,
    rateLimit: { budget: 600, quotaExceeded: false },
    lateLogging: defaultLateLogging(),
  };
}

export const configUpdateSchema = z
  .object({
    accessTokenLifetimeSec: z.number().positive().optional(),
    refreshPolicy: z.enum(["keep", "rotate"]).optional(),
    refreshTokenLifetimeSec: z.number().positive().optional(),
    rateLimit: z
      .object({
        budget: z.number().int().nonnegative(),
        retryAfterSec: z.number().nonnegative().optional(),
        quotaExceeded: z.boolean().optional(),
      })
      .nullable()
      .optional(),
    // Merged into the current value: `{"share":0}` alone switches late logging off.
    lateLogging: z
      .object({
        share: z.number().min(0).max(1).optional(),
        minDelayMs: z.number().int().nonnegative().optional(),
        maxDelayMs: z.number().int().nonnegative().optional(),
        includeManual: z.boolean().optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export type ConfigUpdate = z.infer<typeof configUpdateSchema>;

/** Applies a validated update; returns an error (and changes nothing) if the result is inconsistent. */
export function applyConfigUpdate(config: EmulatorConfig, update: ConfigUpdate): string | null {
  let lateLogging = config.lateLogging;
  if (update.lateLogging !== undefined) {
    const { share, minDelayMs, maxDelayMs, includeManual } = update.lateLogging;
    lateLogging = {
      share: share ?? lateLogging.share,
      minDelayMs: minDelayMs ?? lateLogging.minDelayMs,
      maxDelayMs: maxDelayMs ?? lateLogging.maxDelayMs,
      includeManual: includeManual ?? lateLogging.includeManual,
    };
    if (lateLogging.minDelayMs > lateLogging.maxDelayMs)
      return `lateLogging: minDelayMs (${lateLogging.minDelayMs}) is above maxDelayMs (${lateLogging.maxDelayMs})`;
  }
  config.lateLogging = lateLogging;
  if (update.accessTokenLifetimeSec !== undefined)
    config.accessTokenLifetimeSec = update.accessTokenLifetimeSec;
  if (update.refreshPolicy !== undefined) config.refreshPolicy = update.refreshPolicy;
  if (update.refreshTokenLifetimeSec !== undefined)
    config.refreshTokenLifetimeSec = update.refreshTokenLifetimeSec;
  if (update.rateLimit === null) config.rateLimit = null;
  else if (update.rateLimit !== undefined) {
    const { budget, retryAfterSec, quotaExceeded } = update.rateLimit;
    config.rateLimit = {
      budget,
      quotaExceeded: quotaExceeded ?? false,
      ...(retryAfterSec !== undefined ? { retryAfterSec } : {}),
    };
  }
  return null;
}
