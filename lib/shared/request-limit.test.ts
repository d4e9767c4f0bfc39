// The per-person limit on /api/*: counted per minute, per person, across instances (real Redis).
import { describe, expect, it, vi } from "vitest";
import { twoRedisInstances, unreachableRedis } from "@/lib/testing/test-redis";
import { InProcessRequestLimit, SharedRequestLimit } from "./request-limit";

describe("InProcessRequestLimit", () => {
  it("allows the limit per person per minute, then answers with the wait until the minute ends", () => {
    const clock = { now: 60_000 * 1000 + 45_000 };
    const limit = new InProcessRequestLimit(2, () => clock.now);
    expect(limit.hitNow("rory")).toEqual({ allowed: true });
    expect(limit.hitNow("rory")).toEqual({ allowed: true });
    expect(limit.hitNow("rory")).toEqual({ allowed: false, retryAfterSeconds: 15 });
    expect(limit.hitNow("maya")).toEqual({ allowed: true });
    clock.now += 15_000;
    expect(limit.hitNow("rory")).toEqual({ allowed: true });
  });
});

describe("SharedRequestLimit (Redis)", () => {
  const redis = twoRedisInstances();

  it("counts a person's requests on every instance together", async () => {
    const clock = { now: 60_000 * 2000 + 10_000 };
    const one = new SharedRequestLimit(redis.a, 3, undefined, () => clock.now);
    const two = new SharedRequestLimit(redis.b, 3, undefined, () => clock.now);
    const answers = await Promise.all([one.hit("rory"), two.hit("rory"), one.hit("rory"), two.hit("rory")]);
    expect(answers.filter((answer) => answer.allowed)).toHaveLength(3);
    expect(answers.find((answer) => !answer.allowed)).toEqual({ allowed: false, retryAfterSeconds: 50 });
    expect(await two.hit("maya")).toEqual({ allowed: true });
    clock.now += 50_000; // the next minute
    expect(await one.hit("rory")).toEqual({ allowed: true });
    expect(
      await redis.a.client.pttl(redis.a.key(`limit:rory:${Math.floor(clock.now / 60_000)}`)),
    ).toBeGreaterThan(60_000);
  });

  it("counts in process while Redis does not answer", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const down = unreachableRedis(redis.prefix);
    // A fixed clock: two hits either side of a minute's edge would count in two windows.
    const at = () => 1_700_000_030_000;
    const limit = new SharedRequestLimit(down, 1, new InProcessRequestLimit(1, at), at);
    expect((await limit.hit("rory")).allowed).toBe(true);
    expect((await limit.hit("rory")).allowed).toBe(false);
    await down.close();
    log.mockRestore();
  });
});
