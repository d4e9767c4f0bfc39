// The app's Spotify budget: priorities and refill in process (a clock the test moves), and the
// same rules from the atomic Redis script shared by several instances (real Redis, real time).
import { describe, expect, it, vi } from "vitest";
import { dropPrefix, twoRedisInstances, unreachableRedis } from "@/lib/testing/test-redis";
import { InProcessBudget, type Priority, SharedBudget, type SpotifyBudget } from "./spotify-budget";

async function takeMany(budget: SpotifyBudget, priority: Priority, count: number): Promise<number> {
  let granted = 0;
  for (let i = 0; i < count; i++) if ((await budget.take(priority)).granted) granted++;
  return granted;
}

describe("InProcessBudget", () => {
  it("holds half a minute of the budget and refills at the budget's rate", () => {
    const clock = { now: 0 };
    const budget = new InProcessBudget({ perMinute: 60 }, () => clock.now);
    for (let i = 0; i < 30; i++) expect(budget.takeNow("dashboard")).toEqual({ granted: true });
    expect(budget.takeNow("dashboard")).toEqual({ granted: false, waitMs: 1_000 });
    clock.now += 1_000;
    expect(budget.takeNow("dashboard")).toEqual({ granted: true });
    clock.now += 10 * 60_000; // a long quiet spell fills it to the brim, never beyond
    for (let i = 0; i < 30; i++) budget.takeNow("dashboard");
    expect(budget.takeNow("dashboard").granted).toBe(false);
  });

  it("keeps a quarter of the bucket for dashboards from the recorder, and half from enrichment", () => {
    const clock = { now: 0 };
    const budget = new InProcessBudget({ perMinute: 60 }, () => clock.now); // 30 tokens
    for (let i = 0; i < 14; i++) budget.takeNow("dashboard"); // 16 left
    expect(budget.takeNow("enrichment").granted).toBe(true); // 15 left: below 1 + 15
    expect(budget.takeNow("enrichment")).toEqual({ granted: false, waitMs: 1_000 });
    for (let i = 0; i < 7; i++) expect(budget.takeNow("recorder").granted).toBe(true); // 8 left
    expect(budget.takeNow("recorder")).toEqual({ granted: false, waitMs: 500 });
    for (let i = 0; i < 8; i++) expect(budget.takeNow("dashboard").granted).toBe(true);
    expect(budget.takeNow("dashboard").granted).toBe(false);
  });
});

describe("SharedBudget (Redis)", () => {
  const redis = twoRedisInstances();

  it("gives two instances taking at once exactly the tokens of one bucket", async () => {
    // 6 a minute: 3 tokens, one more every 10 s (none during the test).
    const one = new SharedBudget(redis.a, { perMinute: 6 });
    const two = new SharedBudget(redis.b, { perMinute: 6 });
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? one : two).take("dashboard")),
    );
    expect(answers.filter((answer) => answer.granted)).toHaveLength(3);
    const denied = answers.find((answer) => !answer.granted);
    expect(denied).toMatchObject({ granted: false });
    expect((denied as { waitMs: number }).waitMs).toBeGreaterThan(9_000);
    expect((denied as { waitMs: number }).waitMs).toBeLessThanOrEqual(10_000);
    await dropPrefix(redis.a, redis.prefix);
  });

  it("applies the same priorities as the in-process bucket", async () => {
    const one = new SharedBudget(redis.a, { perMinute: 60 });
    const two = new SharedBudget(redis.b, { perMinute: 60 });
    expect(await takeMany(one, "dashboard", 14)).toBe(14);
    // Some milliseconds pass on Redis's clock (a few thousandths of a token): the counts still hold.
    expect(await takeMany(two, "enrichment", 3)).toBe(1);
    expect(await takeMany(one, "recorder", 10)).toBe(7);
    expect(await takeMany(two, "dashboard", 8)).toBe(8);
    expect((await one.take("dashboard")).granted).toBe(false);
    await dropPrefix(redis.a, redis.prefix);
  });

  it("falls back to an in-process bucket while Redis does not answer, and says so", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const down = unreachableRedis(redis.prefix);
    const budget = new SharedBudget(down, { perMinute: 6 });
    expect(await takeMany(budget, "dashboard", 5)).toBe(3);
    expect(log).toHaveBeenCalledWith(expect.stringMatching(/Redis is not answering/));
    await down.close();
    log.mockRestore();
  });
});
