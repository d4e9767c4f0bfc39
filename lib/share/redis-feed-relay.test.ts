// Share feeds on two instances through a real Redis: one schedule for both, the owner's changes and
// its end reach the other instance's viewers, a newcomer gets the latest view at once, the lease
// passes on, and with Redis unreachable each instance runs its own schedule.
import { describe, expect, it, vi } from "vitest";
import type { PlayerState } from "@/lib/listening";
import { playing } from "@/lib/listening/test-data";
import { testPrefix, twoRedisInstances, unreachableRedis } from "@/lib/testing/test-redis";
import { createRedisFeedRelay } from "./redis-feed-relay";
import { createShareFeeds, type FeedEvent, type FeedRelay } from "./share-feed";
import { DEFAULT_SHARE_OPTIONS } from "./share-options";
import type { SharedListener } from "./share-links";

const listener: SharedListener = { userId: "maya", options: DEFAULT_SHARE_OPTIONS };
const secret = () => `${Math.random().toString(36).slice(2)}${"x".repeat(43)}`.slice(0, 43);

describe("the Redis relay of share feeds", () => {
  const redis = twoRedisInstances();

  const feeds = (relay: FeedRelay | null, load: (userId: string) => Promise<PlayerState>) =>
    createShareFeeds({
      loadPlayer: load,
      findListener: async () => listener,
      maxViewers: 100,
      recheckMs: 60_000,
      lingerMs: 60_000,
      cardMaxAgeMs: 60_000,
      relay,
    });
  const collect = () => {
    const events: FeedEvent[] = [];
    return { events, viewer: (event: FeedEvent) => events.push(event) };
  };

  it("runs one schedule for two instances and relays the owner's changes and end", async () => {
    const load = vi.fn(async () => playing({ readAt: Date.now() }));
    const one = feeds(createRedisFeedRelay(redis.a, "instance-1"), load);
    const two = feeds(createRedisFeedRelay(redis.b, "instance-2"), load);
    const link = secret();
    const onOne = collect();
    const onTwo = collect();
    one.watch(link, listener, onOne.viewer);
    await vi.waitFor(() => expect(onOne.events).toHaveLength(1));
    two.watch(link, listener, onTwo.viewer);
    // The newcomer on the other instance has the latest view at once, from Redis, with no call.
    await vi.waitFor(() => expect(onTwo.events).toHaveLength(1));
    expect(onTwo.events[0]).toMatchObject({ type: "view", view: { title: "Song One" } });
    expect(load).toHaveBeenCalledTimes(1);

    one.updateOptions("maya", { ...DEFAULT_SHARE_OPTIONS, theme: "dark" });
    await vi.waitFor(() => expect(onTwo.events.at(-1)).toMatchObject({ options: { theme: "dark" } }));

    one.closeListener("maya");
    await vi.waitFor(() => expect(onTwo.events.at(-1)).toEqual({ type: "closed" }));
    expect(load).toHaveBeenCalledTimes(1);
  });

  it("gives the lease to one instance at a time, and to another once released", async () => {
    const first = createRedisFeedRelay(redis.a, "instance-1");
    const second = createRedisFeedRelay(redis.b, "instance-2");
    expect(await first.claim("link-x", 5_000)).toBe(true);
    expect(await second.claim("link-x", 5_000)).toBe(false);
    expect(await first.claim("link-x", 5_000)).toBe(true); // renewed by its holder
    await second.release("link-x"); // not the holder: no effect
    expect(await second.claim("link-x", 5_000)).toBe(false);
    await first.release("link-x");
    expect(await second.claim("link-x", 5_000)).toBe(true);
  });

  it("runs a schedule on each instance while Redis cannot be reached", async () => {
    const down = unreachableRedis(testPrefix());
    try {
      const load = vi.fn(async () => playing({ readAt: Date.now() }));
      const lonely = feeds(createRedisFeedRelay(down, "instance-3"), load);
      const seen = collect();
      lonely.watch(secret(), listener, seen.viewer);
      await vi.waitFor(() => expect(seen.events).toHaveLength(1), { timeout: 5_000 });
      expect(load).toHaveBeenCalledTimes(1);
      lonely.closeListener("maya");
    } finally {
      await down.close();
    }
  });
});
