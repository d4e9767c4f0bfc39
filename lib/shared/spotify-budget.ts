// One Spotify budget for the whole app: Spotify counts calls per app (over a rolling 30 s window),
// not per person or per instance, so every instance draws its calls from one token bucket. The
// bucket refills at SPOTIFY_BUDGET_PER_MINUTE and holds half a minute of it (a burst as big as
// Spotify's window allows). Callers take a token before each upstream call, by priority:
//   dashboard  - a person looking at the page: may take the last token;
//   recorder   - background syncs: only while a quarter of the bucket is left for dashboards;
//   enrichment - nice-to-have lookups: only while half of it is left.
// So under a low budget the recorder defers (and catches up later), and a dashboard never waits
// behind it. With REDIS_URL the bucket is one Redis hash updated by an atomic script (on Redis's
// clock, so that the instances' clocks need not agree); without it the bucket is this process's.
import "server-only";
import type { Redis } from "ioredis";
import { getConfig } from "@/lib/config";
import { getSharedRedis, inProcessOnFailure, type SharedRedis } from "./redis";

export type Priority = "dashboard" | "recorder" | "enrichment";

/** The share of the bucket a priority must leave for those above it. */
export const RESERVE_SHARE: Record<Priority, number> = { dashboard: 0, recorder: 0.25, enrichment: 0.5 };

export type BudgetAnswer = { granted: true } | { granted: false; waitMs: number };

export type SpotifyBudget = { take(priority: Priority): Promise<BudgetAnswer> };

export type BucketShape = { perMinute: number };

function shape(perMinute: number) {
  const ratePerMs = perMinute / 60_000;
  const capacity = Math.max(1, perMinute / 2);
  const need = (priority: Priority) => 1 + RESERVE_SHARE[priority] * capacity;
  return { ratePerMs, capacity, need };
}

/** The bucket of one process (no REDIS_URL, a Redis outage, unit tests). */
export class InProcessBudget implements SpotifyBudget {
  #tokens: number;
  #at: number;
  readonly #shape: ReturnType<typeof shape>;

  constructor(
    { perMinute }: BucketShape,
    private readonly now: () => number = Date.now,
  ) {
    this.#shape = shape(perMinute);
    this.#tokens = this.#shape.capacity;
    this.#at = now();
  }

  takeNow(priority: Priority): BudgetAnswer {
    const { ratePerMs, capacity, need } = this.#shape;
    const now = this.now();
    this.#tokens = Math.min(capacity, this.#tokens + Math.max(0, now - this.#at) * ratePerMs);
    this.#at = now;
    const needed = need(priority);
    if (this.#tokens >= needed) {
      this.#tokens -= 1;
      return { granted: true };
    }
    return { granted: false, waitMs: Math.ceil((needed - this.#tokens) / ratePerMs) };
  }

  take(priority: Priority): Promise<BudgetAnswer> {
    return Promise.resolve(this.takeNow(priority));
  }
}

// KEYS[1]: the bucket (a hash: tokens, at). ARGV: tokens per ms, capacity, tokens needed.
// Returns {1, 0} when a token was taken, else {0, ms until enough tokens}.
const TAKE_SCRIPT = `
local rate = tonumber(ARGV[1])
local capacity = tonumber(ARGV[2])
local need = tonumber(ARGV[3])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or capacity
local at = tonumber(state[2]) or now
tokens = math.min(capacity, tokens + math.max(0, now - at) * rate)
local granted = 0
local wait = 0
if tokens >= need then
  tokens = tokens - 1
  granted = 1
else
  wait = math.ceil((need - tokens) / rate)
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil(capacity / rate) + 60000)
return {granted, wait}`;

type WithTakeCommand = Redis & {
  earshotTakeToken(key: string, rate: number, capacity: number, need: number): Promise<[number, number]>;
};

/** The bucket of every instance, in Redis. */
export class SharedBudget implements SpotifyBudget {
  readonly #key: string;
  readonly #shape: ReturnType<typeof shape>;
  readonly #client: WithTakeCommand;

  constructor(
    redis: SharedRedis,
    { perMinute }: BucketShape,
    /** Answers while Redis does not. */
    private readonly local = new InProcessBudget({ perMinute }),
  ) {
    this.#key = redis.key("spotify:budget");
    this.#shape = shape(perMinute);
    // EVALSHA, with the script sent again only when Redis has not seen it (after a restart, say).
    if (!("earshotTakeToken" in redis.client)) {
      redis.client.defineCommand("earshotTakeToken", { numberOfKeys: 1, lua: TAKE_SCRIPT });
    }
    this.#client = redis.client as WithTakeCommand;
  }

  take(priority: Priority): Promise<BudgetAnswer> {
    const { ratePerMs, capacity, need } = this.#shape;
    return inProcessOnFailure(
      "Spotify budget",
      async () => {
        const [granted, waitMs] = await this.#client.earshotTakeToken(
          this.#key,
          ratePerMs,
          capacity,
          need(priority),
        );
        return granted === 1 ? { granted: true } : { granted: false, waitMs: Number(waitMs) };
      },
      () => this.local.takeNow(priority),
    );
  }
}

let appBudget: SpotifyBudget | undefined;

/** The app's budget (SPOTIFY_BUDGET_PER_MINUTE): in Redis when REDIS_URL is set, else this process's. */
export function spotifyBudget(): SpotifyBudget {
  if (!appBudget) {
    const redis = getSharedRedis();
    const bucket = { perMinute: getConfig().shared.budgetPerMinute };
    appBudget = redis ? new SharedBudget(redis, bucket) : new InProcessBudget(bucket);
  }
  return appBudget;
}
