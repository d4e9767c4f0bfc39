// At most API_RATE_LIMIT_PER_MINUTE requests a minute per person to /api/*, counted across every
// instance (a Redis counter per person and minute) or, without REDIS_URL, by this process. A fixed
// one-minute window: cheap (one INCR), and a burst at a window's edge is at most twice the limit,
// which is still bounded. Over the limit: 429 rate_limited with Retry-After (the window's end).
import "server-only";
import { getConfig } from "@/lib/config";
import { getSharedRedis, inProcessOnFailure, type SharedRedis } from "./redis";

const WINDOW_MS = 60_000;

export type LimitAnswer = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export type RequestLimit = { hit(userId: string): Promise<LimitAnswer> };

function answer(count: number, limit: number, now: number): LimitAnswer {
  if (count <= limit) return { allowed: true };
  return {
    allowed: false,
    retryAfterSeconds: Math.max(1, Math.ceil((WINDOW_MS - (now % WINDOW_MS)) / 1000)),
  };
}

/** The counts of one process. */
export class InProcessRequestLimit implements RequestLimit {
  #window = -1;
  #counts = new Map<string, number>();

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  hitNow(userId: string): LimitAnswer {
    const now = this.now();
    const window = Math.floor(now / WINDOW_MS);
    if (window !== this.#window) {
      // A new minute: last minute's counts are of no use (and the map stays as small as one minute's people).
      this.#window = window;
      this.#counts.clear();
    }
    const count = (this.#counts.get(userId) ?? 0) + 1;
    this.#counts.set(userId, count);
    return answer(count, this.perMinute, now);
  }

  hit(userId: string): Promise<LimitAnswer> {
    return Promise.resolve(this.hitNow(userId));
  }
}

/** The counts of every instance, in Redis (one key per person and minute, gone a minute later). */
export class SharedRequestLimit implements RequestLimit {
  constructor(
    private readonly redis: SharedRedis,
    private readonly perMinute: number,
    private readonly local = new InProcessRequestLimit(perMinute),
    private readonly now: () => number = Date.now,
  ) {}

  hit(userId: string): Promise<LimitAnswer> {
    const now = this.now();
    const key = this.redis.key(`limit:${userId}:${Math.floor(now / WINDOW_MS)}`);
    return inProcessOnFailure(
      "request limit",
      async () => {
        const replies = await this.redis.client
          .multi()
          .incr(key)
          .pexpire(key, WINDOW_MS * 2)
          .exec();
        const [error, count] = replies?.[0] ?? [new Error("no reply"), 0];
        if (error) throw error;
        return answer(Number(count), this.perMinute, now);
      },
      () => this.local.hitNow(userId),
    );
  }
}

let appLimit: RequestLimit | null | undefined;

/** The app's per-person limit, or null when API_RATE_LIMIT_PER_MINUTE is 0 (off). */
export function requestLimit(): RequestLimit | null {
  if (appLimit === undefined) {
    const perMinute = getConfig().shared.apiRateLimitPerMinute;
    const redis = getSharedRedis();
    appLimit =
      perMinute === 0
        ? null
        : redis
          ? new SharedRequestLimit(redis, perMinute)
          : new InProcessRequestLimit(perMinute);
  }
  return appLimit;
}
