// Spotify's rate limit is per app, over a rolling 30 s window: a 429 for one person means every
// request of every person would get one too. So a 429 closes the gate for the whole process until
// Retry-After has passed, and callers are answered at once instead of spending more of the budget.
import "server-only";
import { parseRetryAfter } from "@/lib/retry-after";

export class RateGate {
  #closedUntil = 0;

  /** Milliseconds until requests may go upstream again; 0 when the gate is open. */
  remainingMs(now = Date.now()): number {
    return Math.max(0, this.#closedUntil - now);
  }

  /** Closes the gate for `retryAfterSeconds`; a shorter wait never shortens a longer one. */
  close(retryAfterSeconds: number, now = Date.now()): void {
    this.#closedUntil = Math.max(this.#closedUntil, now + retryAfterSeconds * 1000);
  }
}

/** The gate of this process: one per app, since the limit is. Unit tests make their own. */
export const rateGate = new RateGate();

/**
 * The longest Earshot closes the gate for one 429. Spotify may ask for up to a day; a wrong or huge
 * value (a proxy's, or a date far ahead) must not close it for good. After an hour one request finds
 * out whether the lockout still holds, which costs one call an hour.
 */
export const MAX_RETRY_AFTER_SECONDS = 3_600;

/**
 * Retry-After as Spotify sends it, capped at MAX_RETRY_AFTER_SECONDS. Missing or unreadable: assume a
 * short pause rather than hammering.
 */
export function retryAfterSeconds(header: string | null): number {
  const seconds = parseRetryAfter(header);
  if (seconds === null || Number.isNaN(seconds)) return 5;
  return Math.min(MAX_RETRY_AFTER_SECONDS, seconds);
}
