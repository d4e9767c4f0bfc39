// Tests of the shared state run against a real Redis (TEST_REDIS_URL, default the CI's
// redis://127.0.0.1:6379), each test file under a random key prefix of its own, removed afterwards,
// so that parallel runs and other users of that Redis never see each other's keys.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll } from "vitest";
import { createSharedRedis, type SharedRedis } from "@/lib/shared/redis";

export const TEST_REDIS_URL = process.env.TEST_REDIS_URL || "redis://127.0.0.1:6379";

/** A connection to the test Redis, ready; `prefix` shared by every connection of one test file. */
export async function openTestRedis(prefix: string): Promise<SharedRedis> {
  const redis = createSharedRedis(TEST_REDIS_URL, prefix);
  if (redis.client.status !== "ready") {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(
              `Redis is not reachable at ${TEST_REDIS_URL}; the shared-state tests run against it. ` +
                "Start it (bash .ci/run does) or set TEST_REDIS_URL.",
            ),
          ),
        5_000,
      );
      redis.client.once("ready", () => (clearTimeout(timer), resolve()));
    });
  }
  return redis;
}

export const testPrefix = () => `earshot-test:${randomBytes(5).toString("hex")}:`;

/** Deletes every key under `prefix`. */
export async function dropPrefix(redis: SharedRedis, prefix: string): Promise<void> {
  let cursor = "0";
  do {
    const [next, keys] = await redis.client.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 500);
    if (keys.length > 0) await redis.client.del(...keys);
    cursor = next;
  } while (cursor !== "0");
}

/** A SharedRedis whose server is not there (a closed port): every command fails at once. */
export function unreachableRedis(prefix: string): SharedRedis {
  return createSharedRedis("redis://127.0.0.1:1", prefix);
}

/**
 * Two connections to the test Redis, as two instances of the app would hold, under a prefix of the
 * describe block's own (`prefix`): opened before its tests, their keys dropped and both closed
 * after. Read `a` and `b` inside tests only.
 */
export function twoRedisInstances(): { a: SharedRedis; b: SharedRedis; prefix: string } {
  const prefix = testPrefix();
  const pair = { prefix } as { a: SharedRedis; b: SharedRedis; prefix: string };
  beforeAll(async () => {
    pair.a = await openTestRedis(prefix);
    pair.b = await openTestRedis(prefix);
  });
  afterAll(async () => {
    await dropPrefix(pair.a, prefix);
    await Promise.all([pair.a.close(), pair.b.close()]);
  });
  return pair;
}
