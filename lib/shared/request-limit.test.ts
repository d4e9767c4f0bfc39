// The per-person limit on /api/*: counted per minute, per person, across instances (real Redis).
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { dropPrefix, openTestRedis, testPrefix, unreachableRedis } from "@/lib/testing/test-redis";
import type { SharedRedis } from "./redis";
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
  const prefix = testPrefix();
  let a: SharedRedis;
  let b: SharedRedis;
  beforeAll(async () => {
    a = await openTestRedis(prefix);
    b = await openTestRedis(prefix);
  });
  afterAll(async () => {
    await dropPrefix(a, prefix);
    await Promise.all([a.close(), b.close()]);
  });

  it("counts a person's requests on every instance together", async () => {
    const clock = { now: 60_000 * 2000 + 10_000 };
    const one = new SharedRequestLimit(a, 3, undefined, () => clock.now);
    const two = new SharedRequestLimit(b, 3, undefined, () => clock.now);
    const answers = await Promise.all([one.hit("rory"), two.hit("rory"), one.hit("rory"), two.hit("rory")]);
    expect(answers.filter((answer) => answer.allowed)).toHaveLength(3);
    expect(answers.find((answer) => !answer.allowed)).toEqual({ allowed: false, retryAfterSeconds: 50 });
    expect(await two.hit("maya")).toEqual({ allowed: true });
    clock.now += 50_000; // the next minute
    expect(await one.hit("rory")).toEqual({ allowed: true });
    expect(await a.client.pttl(a.key(`limit:rory:${Math.floor(clock.now / 60_000)}`))).toBeGreaterThan(
      60_000,
    );
  });

  it("counts in process while Redis does not answer", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const down = unreachableRedis(prefix);
    const limit = new SharedRequestLimit(down, 1);
    expect((await limit.hit("rory")).allowed).toBe(true);
    expect((await limit.hit("rory")).allowed).toBe(false);
    await down.close();
    log.mockRestore();
  });
});
