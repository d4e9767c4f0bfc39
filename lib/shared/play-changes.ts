// Change notices for a person's stored plays: every write that adds (or removes) plays bumps the
// person's version, whichever recorder, dashboard or import on whichever instance made it. An open
// history page asks with the version it last saw (If-None-Match), and while nothing changed it is
// answered 304 from this one Redis read, without a database query. The version lives in Redis
// (REDIS_URL); without it the recorder runs in another process than the pages, so no process knows
// every change: then there is no version (null) and the page reads the store each time, as before.
import "server-only";
import { randomUUID } from "node:crypto";
import { getSharedRedis, type SharedRedis } from "./redis";

/** A week without a change forgets the version (a page holding it reads the store once). */
const VERSION_TTL_MS = 7 * 24 * 3_600_000;

export type PlayChanges = {
  /** Plays of `userId` were added or removed. Never throws: a lost notice costs one refetch later. */
  changed(userId: string): Promise<void>;
  /** The person's version, or null when it is not known (no Redis, or Redis down). */
  version(userId: string): Promise<string | null>;
};

export function createPlayChanges(redis: SharedRedis | null): PlayChanges {
  if (!redis) return { changed: async () => undefined, version: async () => null };
  const key = (userId: string) => redis.key(`plays:version:${userId}`);
  return {
    async changed(userId) {
      // A random version, not a counter: after Redis loses its data a counter would count the same
      // numbers again, and a page holding an old one would miss changes.
      await redis.client
        .set(key(userId), randomUUID().slice(0, 8), "PX", VERSION_TTL_MS)
        .catch(() => undefined);
    },
    async version(userId) {
      try {
        // No change since the key expired (or Redis restarted) is a version too.
        return (await redis.client.get(key(userId))) ?? "none";
      } catch {
        return null;
      }
    },
  };
}

let appChanges: PlayChanges | undefined;

export function playChanges(): PlayChanges {
  appChanges ??= createPlayChanges(getSharedRedis());
  return appChanges;
}
