// Spotify's rate limit is per app, over a rolling 30 s window: a 429 for one person means every
// request of every person would get one too. So a 429 closes the gate for the whole app until
// Retry-After has passed, and callers are answered at once instead of spending more of the budget.
// With REDIS_URL the gate is one Redis key with that expiry, so a 429 on one instance closes it on
// every instance; without it (or while Redis is down) the gate is this process's.
import "server-only";
import { parseRetryAfter } from "@/lib/retry-after";
import { getSharedRedis, inProcessOnFailure, type SharedRedis } from "@/lib/shared/redis";

/** What the Spotify client needs of a gate: the in-process one answers at once, the shared one via Redis. */
export type Gate = {
  remainingMs(): number | Promise<number>;
  close(retryAfterSeconds: number): void | Promise<void>;
};

/** The gate of one process. */
export class RateGate implements Gate {
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

// Extends the key's expiry to ARGV[1] ms unless it already runs longer: a shorter Retry-After never
// shortens a longer one. PTTL, not a timestamp, so that the instances' clocks need not agree.
const CLOSE_SCRIPT = `
local left = redis.call('PTTL', KEYS[1])
if left < tonumber(ARGV[1]) then redis.call('SET', KEYS[1], '1', 'PX', ARGV[1]) end
return 1`;

/** The gate of every instance: one Redis key that lives as long as the gate is closed. */
export class SharedRateGate implements Gate {
  readonly #key: string;
  constructor(
    private readonly redis: SharedRedis,
    /** Answers while Redis does not; also closed on every 429, so a Redis outage forgets nothing here. */
    private readonly local = new RateGate(),
  ) {
    this.#key = redis.key("spotify:gate");
  }

  remainingMs(): Promise<number> {
    return inProcessOnFailure(
      "429 gate",
      async () => Math.max(0, await this.redis.client.pttl(this.#key)),
      () => this.local.remainingMs(),
    );
  }

  async close(retryAfterSeconds: number): Promise<void> {
    this.local.close(retryAfterSeconds);
    const ms = Math.max(1, Math.round(retryAfterSeconds * 1000));
    await inProcessOnFailure(
      "429 gate",
      async () => void (await this.redis.client.eval(CLOSE_SCRIPT, 1, this.#key, ms)),
      () => undefined,
    );
  }
}

let appGate: Gate | undefined;

/** The app's gate: shared through Redis when REDIS_URL is set, else this process's. Unit tests make their own. */
export function rateGate(): Gate {
  if (!appGate) {
    const redis = getSharedRedis();
    appGate = redis ? new SharedRateGate(redis) : new RateGate();
  }
  return appGate;
}

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
