// The plays version that lets an open history page skip the store while nothing changed.
import { describe, expect, it } from "vitest";
import { twoRedisInstances, unreachableRedis } from "@/lib/testing/test-redis";
import { createPlayChanges } from "./play-changes";

describe("play changes", () => {
  const redis = twoRedisInstances();

  it("gives every instance a person's new version once a recorder anywhere stored plays", async () => {
    const recorder = createPlayChanges(redis.a);
    const page = createPlayChanges(redis.b);
    const before = await page.version("rory");
    expect(before).not.toBeNull();
    await recorder.changed("rory");
    const after = await page.version("rory");
    expect(after).not.toBe(before);
    expect(await page.version("rory")).toBe(after);
    expect(await page.version("maya")).toBe(before); // nobody else's
  });

  it("knows no version without Redis, or while it does not answer (the page then reads the store)", async () => {
    expect(await createPlayChanges(null).version("rory")).toBeNull();
    const down = unreachableRedis(redis.prefix);
    const changes = createPlayChanges(down);
    await changes.changed("rory"); // never throws
    expect(await changes.version("rory")).toBeNull();
    await down.close();
  });
});
