// Spotify's rate limit is per app, over a rolling 30 s window: a 429 for one person means every
// request of every person would get one too. So a 429 closes this gate for the whole process until
// Retry-After has passed, and callers are answered at once instead of spending more of the budget.
import "server-only";
import { parseRetryAfter } from "@/lib/retry-after";

let closedUntil = 0;

/** Milliseconds until requests may go upstream again; 0 when the gate is open. */
export function rateLimitRemainingMs(now = Date.now()): number {
  return Math.max(0, closedUntil - now);
}

export function closeRateGate(retryAfterSeconds: number, now = Date.now()) {
  closedUntil = Math.max(closedUntil, now + retryAfterSeconds * 1000);
}

/**
 * Retry-After as Spotify sends it (0 up to a day-long lockout). Missing or unreadable: assume a
 * short pause rather than hammering.
 */
export function retryAfterSeconds(header: string | null): number {
  return parseRetryAfter(header) ?? 5;
}

/** Test hook. */
export function openRateGate() {
  closedUntil = 0;
}
