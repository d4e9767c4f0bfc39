import { describe, expect, it } from "vitest";
import { MAX_RETRY_AFTER_SECONDS, RateGate, retryAfterSeconds } from "./rate-gate";

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
