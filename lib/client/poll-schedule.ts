// When to ask the server about the player again. Pure, so the schedule can be tested without timers:
// poll right after the current item should end, rarely when nothing moves, and back off on errors.
import type { PlayerState } from "@/lib/listening";
import { errorPolicy } from "@/lib/errors";
import { type ApiClientError, isApiClientError } from "./api-fetch";
import { progressAt } from "@/lib/listening/playback";

export const POLL = {
  /** Past the expected end of an item, so the next one has started when we ask. */
  endMarginMs: 750,
  minMs: 1_000,
  maxPlayingMs: 15_000,
  /** An item past its end that Spotify has not moved on from yet: ask again soon, then calmer. */
  overdueFastMs: 1_000,
  overdueSlowMs: 5_000,
  overdueFastWindowMs: 5_000,
  pausedMs: 30_000,
  idleMs: 60_000,
  /** Ads and unknown items come without a length. */
  noDurationMs: 15_000,
  /** Errors: 5 s, 10 s, 20 s, 40 s, then every 60 s. */
  errorBaseMs: 5_000,
  errorMaxMs: 60_000,
  rateLimitFallbackMs: 30_000,
  /** Nothing the app can fix by asking again soon (the allow-list, a bad request). */
  hopelessMs: 60_000,
  /** An open history page's check of the store for newer plays (lib/client/use-live-history.ts). */
  liveHistoryMs: 15_000,
} as const;

export type PollInput = {
  player: PlayerState | undefined;
  offsetMs: number;
  /** The latest fetch's error, or null when it succeeded. */
  error: unknown;
  /** Failed polls in a row, counting the latest (1 for the first failure). */
  failureStreak: number;
  now: number;
  /** This listener's offset of the fixed-period grid (lib/client/poll-phase.ts); 0 when unknown. */
  phaseMs?: number;
};

/** Milliseconds until the next poll, or false to stop polling (a sign-in is needed). */
export function nextPollDelay({
  player,
  offsetMs,
  error,
  failureStreak,
  now,
  phaseMs = 0,
}: PollInput): number | false {
  if (error) return errorDelay(error, failureStreak);
  if (!player) return POLL.errorBaseMs;
  return playerDelay(player, offsetMs, now, phaseMs);
}

export function playerDelay(player: PlayerState, offsetMs: number, now: number, phaseMs = 0): number {
  // Shifting the clock by the listener's phase shifts the grid: their tabs still agree with one
  // another, while other listeners' idle and paused polls land on other seconds.
  const gridNow = now + offsetMs - phaseMs;
  if (player.state === "idle") return alignedDelay(POLL.idleMs, gridNow);
  if (player.state === "paused") return alignedDelay(POLL.pausedMs, gridNow);
  const { positionMs, durationMs } = progressAt(player, now, offsetMs);
  if (positionMs === null || durationMs === null || durationMs <= 0)
    return alignedDelay(POLL.noDurationMs, gridNow);
  // progressAt clamps at the end, so measure the overdue time from the unclamped position.
  const unclamped = (player.progressMs ?? 0) + Math.max(0, now + offsetMs - player.readAt);
  const remaining = durationMs - unclamped;
  if (remaining <= 0) return -remaining <= POLL.overdueFastWindowMs ? POLL.overdueFastMs : POLL.overdueSlowMs;
  // Polls land on the item's end (plus the margin) and every 15 s before it, counted back from
  // that end: the end poll is one of the 15 s polls rather than one more, and every tab, having
  // the same answer, computes the same instants.
  const untilEnd = remaining + POLL.endMarginMs;
  if (untilEnd <= POLL.maxPlayingMs) return Math.max(POLL.minMs, untilEnd);
  const delay = untilEnd % POLL.maxPlayingMs;
  // Within a second of a mark (just past the one we polled at): the following mark, 15 s on.
  return delay < POLL.minMs ? POLL.maxPlayingMs : delay;
}

/**
 * Time until the next multiple of `periodMs` on the server's clock (at least POLL.minMs away).
 * Fixed-period polls land on the same grid in every tab and device of a listener, so their requests
 * arrive together and the server answers them all with one upstream call (lib/spotify/shared-fetch):
 * three tabs cost what one does. Callers pass the clock less the listener's phase, so that the
 * grids of different listeners do not all fall on the same second.
 */
export function alignedDelay(periodMs: number, serverNow: number): number {
  const delay = periodMs - (((serverNow % periodMs) + periodMs) % periodMs);
  return delay < POLL.minMs ? delay + periodMs : delay;
}

export function errorDelay(error: unknown, failureStreak: number): number | false {
  const policy = errorPolicy(isApiClientError(error) ? error.code : "network_error");
  if (policy.needsSignIn) return false;
  switch (policy.retry) {
    case "after-wait":
      return rateLimitDelay(error as ApiClientError);
    case "never":
      return POLL.hopelessMs;
    case "backoff":
    case "quickly":
      return backoff(failureStreak);
  }
}

export function backoff(failureStreak: number): number {
  const step = Math.max(1, failureStreak) - 1;
  return Math.min(POLL.errorMaxMs, POLL.errorBaseMs * 2 ** Math.min(step, 10));
}

function rateLimitDelay(error: ApiClientError): number {
  if (error.retryAfterSeconds === null) return POLL.rateLimitFallbackMs;
  return Math.max(POLL.minMs, error.retryAfterSeconds * 1000);
}

/** A rate limit this short is waited out quietly; longer ones show a countdown and wait for the next poll. */
export const RATE_LIMIT_QUIET_RETRY_S = 2;

/**
 * React Query's `retry`: a couple of quick retries for network and upstream blips; none for what a
 * retry cannot fix; a rate limit only when the wait is short (longer ones are the poll schedule's).
 */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (!isApiClientError(error)) return failureCount < 2;
  const policy = errorPolicy(error.code);
  if (policy.needsSignIn) return false;
  switch (policy.retry) {
    case "after-wait":
      return (
        failureCount < 1 &&
        error.retryAfterSeconds !== null &&
        error.retryAfterSeconds <= RATE_LIMIT_QUIET_RETRY_S
      );
    case "quickly":
      return failureCount < 2;
    // Upstream failures were already retried once by the server (lib/spotify/client.ts); retrying
    // here too would multiply Spotify calls.
    case "backoff":
    case "never":
      return false;
  }
}

/** React Query's `retryDelay`: Retry-After when the server gave one, else 1 s, 2 s, 4 s… */
export function retryDelay(failureCount: number, error: unknown): number {
  if (
    isApiClientError(error) &&
    errorPolicy(error.code).retry === "after-wait" &&
    error.retryAfterSeconds !== null
  ) {
    return Math.max(POLL.minMs, error.retryAfterSeconds * 1000);
  }
  return Math.min(8_000, 1_000 * 2 ** Math.max(0, failureCount));
}
