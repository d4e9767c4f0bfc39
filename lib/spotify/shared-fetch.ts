// Per-person request sharing: several tabs or a double render asking for the same resource at about
// the same moment share one upstream call (in flight), and its result for a short while after.
// Keys always start with the person's Spotify id, so one person's data is never served to another.
// With REDIS_URL the sharing spans instances: the first to ask takes a short lock (SET NX PX) and
// loads; the others read its result from Redis (a key living SPOTIFY_SHARE_MS) as soon as it lands.
import "server-only";
import { getConfig } from "@/lib/config";
import { ApiError, isErrorCode } from "@/lib/errors";
import { getSharedRedis, type SharedRedis } from "@/lib/shared/redis";

export type SharedFetch = <T>(userId: string, resource: string, load: () => Promise<T>) => Promise<T>;

export type SharedFetchOptions = {
  /** How long a result is shared after it arrived; 0 turns sharing off (every call loads). */
  ttlMs: () => number;
  now?: () => number;
};

export function createSharedFetch({ ttlMs, now = Date.now }: SharedFetchOptions): SharedFetch {
  const inflight = new Map<string, Promise<unknown>>();
  const recent = new Map<string, { value: unknown; until: number }>();

  const prune = (at: number) => {
    for (const [key, entry] of recent) if (entry.until <= at) recent.delete(key);
  };

  return <T>(userId: string, resource: string, load: () => Promise<T>): Promise<T> => {
    const ttl = ttlMs();
    if (ttl === 0) return load(); // sharing turned off (SPOTIFY_SHARE_MS=0, for benchmarks)
    const key = `${userId}\u0000${resource}`;
    const hit = recent.get(key);
    if (hit && hit.until > now()) return Promise.resolve(hit.value as T);

    const pending = inflight.get(key);
    if (pending) return pending as Promise<T>;

    const started = load().then(
      (value) => {
        inflight.delete(key);
        prune(now());
        recent.set(key, { value, until: now() + ttl });
        return value;
      },
      (error: unknown) => {
        inflight.delete(key); // failures are shared by those waiting, never cached
        throw error;
      },
    );
    inflight.set(key, started);
    return started;
  };
}

export type RedisSharingOptions = {
  ttlMs: () => number;
  /** How often a waiting instance looks for the loader's result. */
  pollMs?: number;
  /** How long a loader may hold the lock: past it (the loader died), a waiter loads for itself. */
  lockMs?: number;
};

type Entry = { value: unknown } | { error: { code: string; message: string; retryAfterSeconds?: number } };

// KEYS: the result, the lock. ARGV: the lock's life (ms). {1, result} | {2} (locked: load) | {0} (wait).
const SHARE_OR_LOCK_SCRIPT = `
local result = redis.call('GET', KEYS[1])
if result then return {1, result} end
if redis.call('SET', KEYS[2], '1', 'PX', ARGV[1], 'NX') then return {2} end
return {0}`;
const SHARED = 1;
const LOCKED = 2;

type WithShareOrLock = SharedRedis["client"] & {
  earshotShareOrLock(resultKey: string, lockKey: string, lockMs: number): Promise<[number, string?]>;
};

/** A failure is passed to the instances already waiting for it, and then forgotten (never cached). */
const ERROR_SHARE_MS = 250;

/**
 * Sharing across instances through Redis, in front of which each instance keeps its own in-process
 * sharing (so that its own concurrent callers cost one Redis round trip, not one each). A result
 * read from Redis late in its life is then kept here a full time to live: at most twice
 * SPOTIFY_SHARE_MS old, which the poll schedule's one-second floor makes harmless. When Redis fails,
 * the call goes upstream (sharing is a saving, never a reason to fail).
 */
export function createRedisSharedFetch(
  redis: SharedRedis,
  { ttlMs, pollMs = 20, lockMs = 12_000 }: RedisSharingOptions,
): SharedFetch {
  const local = createSharedFetch({ ttlMs });
  if (!("earshotShareOrLock" in redis.client)) {
    redis.client.defineCommand("earshotShareOrLock", { numberOfKeys: 2, lua: SHARE_OR_LOCK_SCRIPT });
  }
  const client = redis.client as WithShareOrLock;
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  async function acrossInstances<T>(userId: string, resource: string, load: () => Promise<T>): Promise<T> {
    const base = redis.key(`share:${userId}:${resource}`);
    const resultKey = `${base}:result`;
    const lockKey = `${base}:lock`;
    let locked: boolean;
    try {
      // One atomic step: a result already there, or the lock (checking the result and then taking
      // the lock in two steps would let a result land in between, and load twice).
      const [state, cached] = await client.earshotShareOrLock(resultKey, lockKey, lockMs);
      if (state === SHARED && cached !== undefined) return open<T>(cached);
      locked = state === LOCKED;
    } catch {
      return load(); // Redis is down: this instance's own sharing still holds
    }
    if (locked) return loadAndShare(load, resultKey, lockKey);

    // Another instance is loading: its result lands in Redis within the upstream call's time.
    const deadline = Date.now() + lockMs;
    while (Date.now() < deadline) {
      await sleep(pollMs);
      let result: string | null | undefined;
      let lock: string | null | undefined;
      try {
        [result, lock] = await client.mget(resultKey, lockKey);
      } catch {
        return load();
      }
      if (result !== null && result !== undefined) return open<T>(result);
      if (lock === null || lock === undefined) break; // the loader gave up without a result to share: load ourselves
    }
    return load();
  }

  async function loadAndShare<T>(load: () => Promise<T>, resultKey: string, lockKey: string): Promise<T> {
    let entry: Entry;
    let value: T;
    try {
      value = await load();
      entry = { value };
    } catch (error) {
      if (error instanceof ApiError) {
        const { code, message, retryAfterSeconds } = error;
        await client
          .multi()
          .set(
            resultKey,
            JSON.stringify({ error: { code, message, retryAfterSeconds } }),
            "PX",
            ERROR_SHARE_MS,
          )
          .del(lockKey)
          .exec()
          .catch(() => undefined);
      } else {
        await client.del(lockKey).catch(() => undefined);
      }
      throw error;
    }
    const ttl = ttlMs();
    await client
      .multi()
      .set(resultKey, JSON.stringify(entry), "PX", Math.max(1, ttl))
      .del(lockKey)
      .exec()
      .catch(() => undefined);
    return value;
  }

  return <T>(userId: string, resource: string, load: () => Promise<T>): Promise<T> => {
    if (ttlMs() === 0) return load();
    return local(userId, resource, () => acrossInstances(userId, resource, load));
  };
}

function open<T>(stored: string): T {
  const entry = JSON.parse(stored) as Entry;
  if ("value" in entry) return entry.value as T;
  const { code, message, retryAfterSeconds } = entry.error;
  throw new ApiError(isErrorCode(code) ? code : "upstream_error", message, retryAfterSeconds);
}

let appSharing: SharedFetch | undefined;

/** The app's sharing, for SPOTIFY_SHARE_MS (read when first used): across instances with REDIS_URL. */
export const sharedFetch: SharedFetch = (userId, resource, load) => {
  if (!appSharing) {
    const ttlMs = () => getConfig().spotify.shareMs;
    const redis = getSharedRedis();
    appSharing = redis ? createRedisSharedFetch(redis, { ttlMs }) : createSharedFetch({ ttlMs });
  }
  return appSharing(userId, resource, load);
};
