// Per-person request sharing: who shares what, and for how long (a clock the test moves).
import { describe, expect, it, vi } from "vitest";
import { ApiError } from "@/lib/errors";
import { twoRedisInstances, unreachableRedis } from "@/lib/testing/test-redis";
import { createRedisSharedFetch, createSharedFetch } from "./shared-fetch";

function setup(ttlMs = 1_000) {
  let now = 1_000_000;
  const shared = createSharedFetch({ ttlMs: () => ttlMs, now: () => now });
  return { shared, advance: (ms: number) => (now += ms) };
}

/** A load that resolves when told, counting its calls. */
function deferredLoad<T>(value: T) {
  let release: () => void = () => {};
  const load = vi.fn(
    () =>
      new Promise<T>((resolve) => {
        release = () => resolve(value);
      }),
  );
  return { load, release: () => release() };
}

describe("createSharedFetch", () => {
  it("gives concurrent callers for the same person and resource one load", async () => {
    const { shared } = setup();
    const { load, release } = deferredLoad("player");
    const both = Promise.all([shared("rory", "/p", load), shared("rory", "/p", load)]);
    release();
    expect(await both).toEqual(["player", "player"]);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it("serves the result for the time to live, then loads again", async () => {
    const { shared, advance } = setup(1_000);
    const load = vi.fn(async () => "v");
    await shared("rory", "/p", load);
    advance(999);
    await shared("rory", "/p", load);
    expect(load).toHaveBeenCalledTimes(1);
    advance(1);
    await shared("rory", "/p", load);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it("never serves one person's result to another, nor one resource's to another", async () => {
    const { shared } = setup();
    await shared("rory", "/p", async () => "rory's");
    expect(await shared("maya", "/p", async () => "maya's")).toBe("maya's");
    expect(await shared("rory", "/q", async () => "other")).toBe("other");
  });

  it("shares a failure with those waiting for it, but does not keep it", async () => {
    const { shared } = setup();
    let fail: (error: Error) => void = () => {};
    const failing = vi.fn(() => new Promise<string>((_, reject) => (fail = reject)));
    const waiting = Promise.allSettled([shared("rory", "/p", failing), shared("rory", "/p", failing)]);
    fail(new Error("upstream"));
    expect((await waiting).map((result) => result.status)).toEqual(["rejected", "rejected"]);
    expect(failing).toHaveBeenCalledTimes(1);
    expect(await shared("rory", "/p", async () => "recovered")).toBe("recovered");
  });

  it("loads every time when sharing is off (time to live 0)", async () => {
    const { shared } = setup(0);
    const load = vi.fn(async () => "v");
    await Promise.all([shared("rory", "/p", load), shared("rory", "/p", load)]);
    expect(load).toHaveBeenCalledTimes(2);
  });
});

describe("createRedisSharedFetch (Redis, two instances)", () => {
  const redis = twoRedisInstances();
  const instances = (ttlMs = 1_000) =>
    [redis.a, redis.b].map((redis) => createRedisSharedFetch(redis, { ttlMs: () => ttlMs, pollMs: 5 }));

  it("gives a person's requests on both instances one load, and its result", async () => {
    const [one, two] = instances();
    const { load, release } = deferredLoad({ item: "Song" });
    const first = one!("rory", "/a", load);
    await new Promise((resolve) => setTimeout(resolve, 20)); // the lock is taken
    const second = two!("rory", "/a", load);
    release();
    expect(await Promise.all([first, second])).toEqual([{ item: "Song" }, { item: "Song" }]);
    expect(load).toHaveBeenCalledTimes(1);
    // Shared for the time to live on the other instance too; never with another person.
    expect(await two!("rory", "/a", load)).toEqual({ item: "Song" });
    expect(await two!("maya", "/a", async () => "maya's")).toBe("maya's");
    expect(load).toHaveBeenCalledTimes(1);
  });

  it("passes a failure to the instances waiting for it, and then forgets it", async () => {
    const [one, two] = instances();
    let fail: (error: unknown) => void = () => {};
    const failing = vi.fn(() => new Promise<string>((_, reject) => (fail = reject)));
    const first = one!("rory", "/b", failing);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const second = two!("rory", "/b", failing);
    fail(new ApiError("rate_limited", "Slow down.", 7));
    await expect(first).rejects.toMatchObject({ code: "rate_limited", retryAfterSeconds: 7 });
    await expect(second).rejects.toMatchObject({ code: "rate_limited", retryAfterSeconds: 7 });
    expect(failing).toHaveBeenCalledTimes(1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await two!("rory", "/b", async () => "recovered")).toBe("recovered");
  });

  it("loads for itself when the loader dies holding the lock, or Redis does not answer", async () => {
    const [, two] = [redis.a, redis.b].map((redis) =>
      createRedisSharedFetch(redis, { ttlMs: () => 1_000, pollMs: 5, lockMs: 100 }),
    );
    await redis.a.client.set(redis.a.key("share:rory:/c:lock"), "1", "PX", 100); // a loader that never returns
    expect(await two!("rory", "/c", async () => "own")).toBe("own");
    const down = unreachableRedis(redis.prefix);
    const alone = createRedisSharedFetch(down, { ttlMs: () => 1_000 });
    expect(await alone("rory", "/d", async () => "upstream")).toBe("upstream");
    await down.close();
  });
});
