// Spotify's per-app rate limit: a rolling 30-second window of /v1 requests per client_id.

import type { RateLimitConfig } from "./config.ts";

export const RATE_WINDOW_MS = 30_000;

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSec: number };

export class RateLimiter {
  private readonly windows = new Map<string, number[]>();

  /** Records the request if it fits the budget; rejected requests do not use up the window. */
  check(clientId: string, now: number, config: RateLimitConfig | null): RateDecision {
    if (!config) return { allowed: true };
    const window = (this.windows.get(clientId) ?? []).filter((t) => t > now - RATE_WINDOW_MS);
    this.windows.set(clientId, window);
    if (window.length < config.budget) {
      window.push(now);
      return { allowed: true };
    }
    if (config.retryAfterSec !== undefined) return { allowed: false, retryAfterSec: config.retryAfterSec };
    // The window frees when its oldest request is 30 s old (the oldest of the excess ones when the budget shrank).
    const freeingAt = (window[window.length - config.budget] ?? now) + RATE_WINDOW_MS;
    return { allowed: false, retryAfterSec: Math.max(1, Math.ceil((freeingAt - now) / 1000)) };
  }

  reset(): void {
    this.windows.clear();
  }
}
