// The Redis that several Earshot instances share (REDIS_URL), or none: every shared piece of state
// (the 429 gate, per-person request sharing, the Spotify budget, the per-person request limit, the
// play-change notices) has an in-process twin, used when REDIS_URL is unset and, for the moment it
// lasts, when Redis stops answering. A Redis outage therefore never fails a request: each instance
// goes on with its own state (the protections then hold per instance, as they did before Redis),
// says so in the log, and uses Redis again once it is back.
import "server-only";
import { Redis } from "ioredis";
import { getConfig } from "@/lib/config";

/** How long one Redis command may take before the in-process twin answers instead. */
const COMMAND_TIMEOUT_MS = 500;
/** One log line per this long while Redis is down, not one per request. */
const LOG_EVERY_MS = 30_000;

export type SharedRedis = {
  /** Commands (never in subscriber mode). */
  client: Redis;
  /** A Redis key or channel name under this deployment's prefix. */
  key(name: string): string;
  /** A second connection for pub/sub (a subscribed connection takes no other commands), made when first asked. */
  subscriber(): Redis;
  close(): Promise<void>;
};

export function createSharedRedis(url: string, prefix: string): SharedRedis {
  const options = {
    // Until the first connection, commands wait for it (an instance's first requests would else all
    // fall back); from then on, see below.
    enableOfflineQueue: true,
    maxRetriesPerRequest: 1,
    commandTimeout: COMMAND_TIMEOUT_MS,
    connectTimeout: 2_000,
    // Keep trying to come back, at most every 2 s.
    retryStrategy: (times: number) => Math.min(times * 200, 2_000),
  };
  const client = new Redis(url, options);
  // Once connected, a command fails at once while disconnected, rather than queueing requests behind
  // a dead server: the in-process twin answers them (see inProcessOnFailure). ioredis reads this
  // option at every command.
  client.once("ready", () => (client.options.enableOfflineQueue = false));
  let subscriber: Redis | undefined;
  const quiet = (connection: Redis) =>
    connection.on("error", (error: Error) => logOutage("connection", error));
  quiet(client);
  return {
    client,
    key: (name) => `${prefix}${name}`,
    subscriber() {
      if (!subscriber) {
        // Subscriptions are re-made by ioredis on reconnect; while down, notices are simply missed
        // (the pages' own polls still find new plays).
        subscriber = new Redis(url, { ...options, enableOfflineQueue: true, commandTimeout: undefined });
        quiet(subscriber);
      }
      return subscriber;
    },
    async close() {
      await Promise.all([client, subscriber].map((c) => c?.quit().catch(() => c.disconnect())));
    },
  };
}

let shared: SharedRedis | null | undefined;

/** This process's shared Redis, or null when REDIS_URL is unset (everything stays in process). */
export function getSharedRedis(): SharedRedis | null {
  if (shared === undefined) {
    const { redisUrl, redisPrefix } = getConfig().shared;
    shared = redisUrl ? createSharedRedis(redisUrl, redisPrefix) : null;
  }
  return shared;
}

export async function closeSharedRedis(): Promise<void> {
  const current = shared;
  shared = undefined;
  await current?.close();
}

let lastLog = 0;

function logOutage(what: string, error: unknown) {
  const now = Date.now();
  if (now - lastLog < LOG_EVERY_MS) return;
  lastLog = now;
  console.error(
    `[shared] Redis is not answering (${what}: ${(error as Error).message ?? error}); this instance goes on ` +
      "with its own in-process state until it is back.",
  );
}

/** `viaRedis`, or when Redis fails, `inProcess` (logged, at most every 30 s). */
export async function inProcessOnFailure<T>(
  what: string,
  viaRedis: () => Promise<T>,
  inProcess: () => T | Promise<T>,
): Promise<T> {
  try {
    return await viaRedis();
  } catch (error) {
    logOutage(what, error);
    return inProcess();
  }
}
