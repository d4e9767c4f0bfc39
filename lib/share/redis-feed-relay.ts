// The share feeds' relay over Redis (REDIS_URL): one lease per link (a key holding the instance's id,
// taken with SET NX, renewed and released only by its holder, both in one Lua step), a pub/sub channel
// per link for its changes, and the latest view kept for viewers who arrive on another instance.
import "server-only";
import { randomUUID } from "node:crypto";
import type { SharedRedis } from "@/lib/shared/redis";
import type { FeedEvent, FeedRelay } from "./share-feed";

/** The latest view outlives any schedule's pause (idle polls are a minute apart). */
const LATEST_TTL_MS = 10 * 60_000;

// Take the lease when free or ours (and renew it); 1 when held by this instance after the call.
const CLAIM = `
local holder = redis.call("GET", KEYS[1])
if holder == false or holder == ARGV[1] then
  redis.call("SET", KEYS[1], ARGV[1], "PX", ARGV[2])
  return 1
end
return 0`;

const RELEASE = `
if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("DEL", KEYS[1]) end
return 0`;

type Commands = {
  earshotShareClaim(key: string, instance: string, ttlMs: number): Promise<number>;
  earshotShareRelease(key: string, instance: string): Promise<number>;
};

export function createRedisFeedRelay(redis: SharedRedis, instance: string = randomUUID()): FeedRelay {
  redis.client.defineCommand("earshotShareClaim", { numberOfKeys: 1, lua: CLAIM });
  redis.client.defineCommand("earshotShareRelease", { numberOfKeys: 1, lua: RELEASE });
  const commands = redis.client as unknown as Commands;
  const leaseKey = (link: string) => redis.key(`share:lease:${link}`);
  const latestKey = (link: string) => redis.key(`share:latest:${link}`);
  const channel = (link: string) => redis.key(`share:events:${link}`);

  const handlers = new Map<string, Set<(event: FeedEvent) => void>>();
  let listening = false;
  const listen = () => {
    if (listening) return;
    listening = true;
    redis.subscriber().on("message", (name: string, message: string) => {
      const set = handlers.get(name);
      if (!set) return;
      let event: FeedEvent;
      try {
        event = JSON.parse(message) as FeedEvent;
      } catch {
        return;
      }
      for (const handler of set) handler(event);
    });
  };

  return {
    async claim(link, ttlMs) {
      return (await commands.earshotShareClaim(leaseKey(link), instance, ttlMs)) === 1;
    },
    async release(link) {
      await commands.earshotShareRelease(leaseKey(link), instance);
    },
    async publish(link, event) {
      const text = JSON.stringify(event);
      const pipeline = redis.client.multi().publish(channel(link), text);
      if (event.type === "view") pipeline.set(latestKey(link), text, "PX", LATEST_TTL_MS);
      else pipeline.del(latestKey(link));
      await pipeline.exec();
    },
    async latest(link) {
      const text = await redis.client.get(latestKey(link));
      return text ? (JSON.parse(text) as FeedEvent) : null;
    },
    subscribe(link, onEvent) {
      listen();
      const name = channel(link);
      let set = handlers.get(name);
      if (!set) {
        set = new Set();
        handlers.set(name, set);
        void redis
          .subscriber()
          .subscribe(name)
          .catch(() => undefined);
      }
      set.add(onEvent);
      return () => {
        set.delete(onEvent);
        if (set.size > 0) return;
        handlers.delete(name);
        void redis
          .subscriber()
          .unsubscribe(name)
          .catch(() => undefined);
      };
    },
  };
}
