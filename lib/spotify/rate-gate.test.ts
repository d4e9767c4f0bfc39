import { describe, expect, it, vi } from "vitest";
import { dropPrefix, twoRedisInstances, unreachableRedis } from "@/lib/testing/test-redis";
import { MAX_RETRY_AFTER_SECONDS, RateGate, retryAfterSeconds, SharedRateGate } from "./rate-gate";

describe("RateGate", () => {
  it("stays closed for Retry-After, then opens", () => {
    const gate = new RateGate();
    expect(gate.remainingMs(1_000)).toBe(0);
    gate.close(30, 1_000);
    expect(gate.remainingMs(1_000)).toBe(30_000);
    expect(gate.remainingMs(30_999)).toBe(1);
    expect(gate.remainingMs(31_000)).toBe(0);
  });

  it("never lets a shorter wait cut a longer one short", () => {
    const gate = new RateGate();
    gate.close(60, 0);
    gate.close(5, 1_000);
    expect(gate.remainingMs(10_000)).toBe(50_000);
  });
});

describe("retryAfterSeconds", () => {
  it("reads Spotify's header, and assumes a short pause when it is missing or unreadable", () => {
    expect(retryAfterSeconds("12")).toBe(12);
    expect(retryAfterSeconds(null)).toBe(5);
    expect(retryAfterSeconds("soon")).toBe(5);
  });

  it("never closes the gate for more than an hour, however large or far ahead the value", () => {
    expect(retryAfterSeconds("86400")).toBe(MAX_RETRY_AFTER_SECONDS);
    expect(retryAfterSeconds("9".repeat(400))).toBe(MAX_RETRY_AFTER_SECONDS);
    expect(retryAfterSeconds("Fri, 31 Dec 9999 23:59:59 GMT")).toBe(MAX_RETRY_AFTER_SECONDS);
    const gate = new RateGate();
    gate.close(retryAfterSeconds(`1${"0".repeat(30)}`), 0);
    expect(gate.remainingMs(0)).toBe(3_600_000);
  });
});

describe("SharedRateGate (Redis)", () => {
  const redis = twoRedisInstances();

  it("closes on every instance when one of them gets a 429, until Retry-After has passed", async () => {
    const one = new SharedRateGate(redis.a);
    const two = new SharedRateGate(redis.b);
    expect(await two.remainingMs()).toBe(0);
    await one.close(0.3);
    expect(await two.remainingMs()).toBeGreaterThan(200);
    // A shorter wait never cuts a longer one short.
    await two.close(0.05);
    expect(await one.remainingMs()).toBeGreaterThan(200);
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect(await one.remainingMs()).toBe(0);
    expect(await two.remainingMs()).toBe(0);
  });

  it("never stays closed longer than the cap, whatever Spotify sends", async () => {
    const gate = new SharedRateGate(redis.a);
    await gate.close(retryAfterSeconds("Fri, 31 Dec 9999 23:59:59 GMT"));
    expect(await gate.remainingMs()).toBeLessThanOrEqual(MAX_RETRY_AFTER_SECONDS * 1000);
    expect(await gate.remainingMs()).toBeGreaterThan(MAX_RETRY_AFTER_SECONDS * 1000 - 5_000);
    await dropPrefix(redis.a, redis.prefix);
  });

  it("while Redis does not answer, keeps this instance's own gate", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const down = unreachableRedis(redis.prefix);
    const gate = new SharedRateGate(down);
    expect(await gate.remainingMs()).toBe(0);
    await gate.close(30);
    expect(await gate.remainingMs()).toBeGreaterThan(25_000); // each failed command takes a reconnect attempt
    await down.close();
    log.mockRestore();
  });
});
