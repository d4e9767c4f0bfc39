// One feed per watched link: however many viewers, one schedule of Spotify calls (the dashboard's),
// changes pushed to all, nothing asked once nobody watches, and a link turned off closes its streams.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { PlayerState } from "@/lib/listening";
import { idle, playing, track } from "@/lib/listening/test-data";
import { ApiError } from "@/lib/errors";
import { createShareFeeds, type FeedEvent, type FeedRelay, stillRight } from "./share-feed";
import { DEFAULT_SHARE_OPTIONS, type ShareOptions } from "./share-options";
import type { SharedListener } from "./share-links";

const T0 = 1_700_000_000_000;
const SECRET = "s".repeat(43);
const listener: SharedListener = { userId: "maya", options: DEFAULT_SHARE_OPTIONS };

/** A listener playing 3-minute tracks back to back from T0 (track n starts at T0 + n·180 s). */
function spotifyAt(now: number): PlayerState {
  const n = Math.floor((now - T0) / 180_000);
  return playing({
    item: track({ title: `Song ${n}`, durationMs: 180_000 }),
    progressMs: (now - T0) % 180_000,
    readAt: now,
  });
}

let load: ReturnType<typeof vi.fn<(userId: string) => Promise<PlayerState>>>;
let find: ReturnType<typeof vi.fn<(secret: string) => Promise<SharedListener | null>>>;
const feedsWith = (maxViewers = 1_000) =>
  createShareFeeds({
    loadPlayer: load,
    findListener: find,
    maxViewers,
    recheckMs: 5_000,
    lingerMs: 15_000,
    cardMaxAgeMs: 60_000,
  });
const collect = () => {
  const events: FeedEvent[] = [];
  return { events, viewer: (event: FeedEvent) => events.push(event) };
};
const titles = (events: FeedEvent[]) =>
  events.map((e) => (e.type === "closed" ? "closed" : e.view.state === "idle" ? "idle" : e.view.title));

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
  load = vi.fn(async () => spotifyAt(Date.now()));
  find = vi.fn(async () => listener);
});
afterEach(() => vi.useRealTimers());

describe("share feeds", () => {
  it("serves a thousand viewers with the Spotify calls of one, and pushes each track change to all", async () => {
    const one = feedsWith();
    const single = collect();
    one.watch(SECRET, listener, single.viewer);
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    const callsForOne = load.mock.calls.length;
    one.closeListener("maya");

    load.mockClear();
    vi.setSystemTime(T0);
    const many = feedsWith();
    const viewers = Array.from({ length: 1_000 }, collect);
    for (const v of viewers) many.watch(SECRET, listener, v.viewer);
    await vi.advanceTimersByTimeAsync(10 * 60_000);

    expect(load.mock.calls.length).toBe(callsForOne);
    // Playing: every 15 s counted back from each track's end, the end itself included (4 tracks
    // and a bit in 10 min): about 41 calls, not one per viewer.
    expect(callsForOne).toBeGreaterThan(35);
    expect(callsForOne).toBeLessThan(45);
    for (const v of [viewers[0]!, viewers[999]!]) {
      expect(titles(v.events)).toEqual(["Song 0", "Song 1", "Song 2", "Song 3"]);
    }
    expect(titles(single.events)).toEqual(["Song 0", "Song 1", "Song 2", "Song 3", "closed"]);
  });

  it("sees a natural track change within a second and a half of the track's end", async () => {
    const feeds = feedsWith();
    const seen: number[] = [];
    feeds.watch(SECRET, listener, (event) => {
      if (event.type === "view") seen.push(Date.now());
    });
    await vi.advanceTimersByTimeAsync(200_000);
    expect(seen).toHaveLength(2);
    expect(seen[1]! - (T0 + 180_000)).toBeLessThanOrEqual(1_500);
  });

  it("gives a new viewer the current view at once, without another call", async () => {
    const feeds = feedsWith();
    feeds.watch(SECRET, listener, () => {});
    await vi.advanceTimersByTimeAsync(1_000);
    const late = collect();
    feeds.watch(SECRET, listener, late.viewer);
    expect(titles(late.events)).toEqual(["Song 0"]);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it("stops asking once the last viewer has been gone a while", async () => {
    const feeds = feedsWith();
    const stop = feeds.watch(SECRET, listener, () => {});
    await vi.advanceTimersByTimeAsync(30_000);
    stop();
    await vi.advanceTimersByTimeAsync(20_000);
    const calls = load.mock.calls.length;
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(load.mock.calls.length).toBe(calls);
    expect(feeds.stats()).toEqual({ feeds: 0, viewers: 0 });
  });

  it("closes every stream when the owner turns sharing off here, or elsewhere (the next check)", async () => {
    const feeds = feedsWith();
    const a = collect();
    feeds.watch(SECRET, listener, a.viewer);
    await vi.advanceTimersByTimeAsync(1_000);
    feeds.closeListener("maya");
    expect(titles(a.events)).toEqual(["Song 0", "closed"]);

    const b = collect();
    feeds.watch(SECRET, listener, b.viewer);
    await vi.advanceTimersByTimeAsync(1_000);
    find.mockResolvedValue(null); // turned off on another instance
    await vi.advanceTimersByTimeAsync(5_000);
    expect(titles(b.events)).toEqual(["Song 0", "closed"]);
    const calls = load.mock.calls.length;
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    expect(load.mock.calls.length).toBe(calls);
  });

  it("sends new options (theme, what shows) to open overlays", async () => {
    const feeds = feedsWith();
    const v = collect();
    feeds.watch(SECRET, listener, v.viewer);
    await vi.advanceTimersByTimeAsync(1_000);
    const dark: ShareOptions = { ...DEFAULT_SHARE_OPTIONS, theme: "dark", artists: false };
    find.mockResolvedValue({ userId: "maya", options: dark });
    await vi.advanceTimersByTimeAsync(5_000);
    const last = v.events.at(-1);
    expect(last?.type === "view" && last.options).toEqual(dark);
    expect(last?.type === "view" && last.view.state !== "idle" && last.view.artists).toEqual([]);
  });

  it("keeps serving while the store is down, and closes nothing", async () => {
    const feeds = feedsWith();
    const v = collect();
    feeds.watch(SECRET, listener, v.viewer);
    find.mockRejectedValue(new Error("connect ECONNREFUSED"));
    await vi.advanceTimersByTimeAsync(200_000);
    expect(titles(v.events)).toEqual(["Song 0", "Song 1"]);
  });

  it("refuses a viewer past the cap with a 429", () => {
    const feeds = feedsWith(2);
    feeds.watch(SECRET, listener, () => {});
    feeds.watch(SECRET, listener, () => {});
    expect(() => feeds.watch(SECRET, listener, () => {})).toThrow(
      expect.objectContaining({ code: "rate_limited", retryAfterSeconds: 60 }),
    );
  });

  it("backs off on Spotify's failures and waits out a rate limit", async () => {
    const feeds = feedsWith();
    load.mockRejectedValue(new ApiError("upstream_error", "down"));
    feeds.watch(SECRET, listener, () => {});
    await vi.advanceTimersByTimeAsync(60_000);
    // 0 s, then 5, 10, 20 s later (35 s), then 40 s on (75 s): four calls in the first minute.
    expect(load).toHaveBeenCalledTimes(4);
    feeds.closeListener("maya");

    load.mockClear();
    const limited = feedsWith();
    load.mockRejectedValue(new ApiError("rate_limited", "slow down", 120));
    limited.watch("t".repeat(43), listener, () => {});
    await vi.advanceTimersByTimeAsync(119_000);
    expect(load).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(load).toHaveBeenCalledTimes(2);
  });
});

describe("the card's snapshot", () => {
  it("costs one call a minute however often it is asked for, and a new one after the track ends", async () => {
    const feeds = feedsWith();
    load.mockImplementation(async () =>
      playing({ item: track({ durationMs: 600_000 }), progressMs: 0, readAt: Date.now() }),
    );
    for (let i = 0; i < 100; i += 1) {
      await feeds.snapshot(SECRET, listener);
      await vi.advanceTimersByTimeAsync(600); // 100 requests a minute
    }
    expect(load).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1_000);
    await feeds.snapshot(SECRET, listener);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it("stillRight: young enough, and the item not yet over", () => {
    const p = playing({ progressMs: 170_000, readAt: T0 });
    expect(stillRight(p, T0, T0 + 5_000, 60_000)).toBe(true);
    expect(stillRight(p, T0, T0 + 10_000, 60_000)).toBe(false);
    expect(stillRight(idle(T0), T0, T0 + 59_000, 60_000)).toBe(true);
    expect(stillRight(idle(T0), T0, T0 + 60_000, 60_000)).toBe(false);
  });
});

/** Redis as the relay sees it, in memory: a lease per link that lapses, a channel, the latest event. */
function memoryRelay() {
  const leases = new Map<string, { owner: string; until: number }>();
  const channels = new Map<string, Set<(event: FeedEvent) => void>>();
  const latest = new Map<string, FeedEvent>();
  return (instance: string): FeedRelay => ({
    async claim(link, ttlMs) {
      const lease = leases.get(link);
      if (lease && lease.owner !== instance && lease.until > Date.now()) return false;
      leases.set(link, { owner: instance, until: Date.now() + ttlMs });
      return true;
    },
    async release(link) {
      if (leases.get(link)?.owner === instance) leases.delete(link);
    },
    async publish(link, event) {
      if (event.type === "view") latest.set(link, event);
      for (const listener of channels.get(link) ?? []) listener(event);
    },
    async latest(link) {
      return latest.get(link) ?? null;
    },
    subscribe(link, onEvent) {
      const set = channels.get(link) ?? new Set();
      channels.set(link, set);
      set.add(onEvent);
      return () => set.delete(onEvent);
    },
  });
}

describe("share feeds on several instances (a relay)", () => {
  const withRelay = (relay: FeedRelay) =>
    createShareFeeds({
      loadPlayer: load,
      findListener: find,
      maxViewers: 1_000,
      recheckMs: 5_000,
      lingerMs: 15_000,
      cardMaxAgeMs: 60_000,
      relay,
    });

  it("runs one schedule for the viewers of every instance, and every viewer gets every change", async () => {
    const relay = memoryRelay();
    const solo = feedsWith();
    solo.watch(SECRET, listener, () => {});
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    const callsForOne = load.mock.calls.length;
    solo.closeListener("maya");
    load.mockClear();
    vi.setSystemTime(T0);

    const [a, b] = [withRelay(relay("a")), withRelay(relay("b"))];
    const onA = collect();
    const onB = collect();
    a.watch(SECRET, listener, onA.viewer);
    await vi.advanceTimersByTimeAsync(10);
    b.watch(SECRET, listener, onB.viewer);
    await vi.advanceTimersByTimeAsync(10 * 60_000 - 10);
    expect(load.mock.calls.length).toBe(callsForOne);
    expect(titles(onA.events)).toEqual(["Song 0", "Song 1", "Song 2", "Song 3"]);
    expect(titles(onB.events)).toEqual(["Song 0", "Song 1", "Song 2", "Song 3"]);
  });

  it("hands the schedule to another instance when the one running it dies", async () => {
    const relay = memoryRelay();
    // Instance a's process dies at `dead`: its calls never return and its Redis commands never land.
    let dead = false;
    const never = new Promise<never>(() => {});
    const relayA = relay("a");
    const dying: FeedRelay = {
      ...relayA,
      claim: (link, ttl) => (dead ? never : relayA.claim(link, ttl)),
      publish: (link, event) => (dead ? never : relayA.publish(link, event)),
    };
    const loadA = vi.fn(async (userId: string) => (dead ? never : load(userId)));
    const a = createShareFeeds({
      loadPlayer: loadA,
      findListener: find,
      maxViewers: 1_000,
      recheckMs: 5_000,
      lingerMs: 15_000,
      cardMaxAgeMs: 60_000,
      relay: dying,
    });
    const b = withRelay(relay("b"));
    a.watch(SECRET, listener, () => {});
    await vi.advanceTimersByTimeAsync(10);
    const onB = collect();
    b.watch(SECRET, listener, onB.viewer);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(titles(onB.events)).toEqual(["Song 0"]);

    dead = true;
    // a's lease (15 s) lapses, b re-checks (every 5 s) and takes the schedule: b's viewer sees the
    // next track changes from b's own calls.
    await vi.advanceTimersByTimeAsync(400_000);
    expect(titles(onB.events)).toEqual(["Song 0", "Song 1", "Song 2"]);
  });

  it("closes the viewers of every instance when the owner's link is turned off", async () => {
    const relay = memoryRelay();
    const [a, b] = [withRelay(relay("a")), withRelay(relay("b"))];
    a.watch(SECRET, listener, () => {});
    await vi.advanceTimersByTimeAsync(10);
    const onB = collect();
    b.watch(SECRET, listener, onB.viewer);
    await vi.advanceTimersByTimeAsync(1_000);
    a.closeListener("maya");
    expect(titles(onB.events)).toEqual(["Song 0", "closed"]);
  });
});
