import { describe, expect, it } from "vitest";
import { ApiClientError } from "./api-fetch";
import { backoff, nextPollDelay, POLL, retryDelay, shouldRetry } from "./poll-schedule";
import { idle, playing } from "@/lib/listening/test-data";

const NOW = 1_000_000; // same as the builders' readAt: zero time elapsed, zero skew
// Fixed-period polls land on a grid of the server's clock (see alignedDelay); at NOW the next
// 15 s, 30 s and 60 s marks are this far away.
const TO_15S_MARK = 15_000 - (NOW % 15_000);
const TO_30S_MARK = 30_000 - (NOW % 30_000);
const TO_60S_MARK = 60_000 - (NOW % 60_000);
const base = { offsetMs: 0, error: null, failureStreak: 1, now: NOW };

const err = (status: number, code: ApiClientError["code"], retryAfterSeconds: number | null = null) =>
  new ApiClientError(status, code, "x", retryAfterSeconds, NOW);

describe("nextPollDelay while playing", () => {
  it("polls just after the item should end", () => {
    // 180 s track at 175 s: ends in 5 s, poll at 5.75 s.
    expect(nextPollDelay({ ...base, player: playing({ progressMs: 175_000 }) })).toBe(
      5_000 + POLL.endMarginMs,
    );
  });

  it("polls every 15 s counted back from the item's end, so the end poll is one of them", () => {
    // 180 s track at 10 s: the end poll is 170.75 s away; the polls before it fall 15 s apart.
    const first = nextPollDelay({ ...base, player: playing({ progressMs: 10_000 }) }) as number;
    expect(first).toBe(170_750 % 15_000);
    const second = nextPollDelay({ ...base, player: playing({ progressMs: 10_000 + first }) }) as number;
    expect(second).toBe(15_000);
    // Never more than 15 s apart, never less than 1 s.
    for (let progress = 0; progress < 180_000; progress += 333) {
      const delay = nextPollDelay({ ...base, player: playing({ progressMs: progress }) }) as number;
      expect(delay).toBeGreaterThanOrEqual(1_000);
      expect(delay).toBeLessThanOrEqual(15_000);
    }
  });

  it("never polls sooner than 1 s", () => {
    expect(nextPollDelay({ ...base, player: playing({ progressMs: 179_900 }) })).toBe(1_000);
  });

  it("counts the time since the server read the progress, corrected for clock offset", () => {
    const player = playing({ progressMs: 170_000, readAt: NOW });
    // 3 s later on the client: 7 s remain.
    expect(nextPollDelay({ ...base, player, now: NOW + 3_000 })).toBe(7_000 + POLL.endMarginMs);
    // The client clock runs 2 s behind the server (offset +2 s): only 8 s remain at NOW.
    expect(nextPollDelay({ ...base, player, offsetMs: 2_000 })).toBe(8_000 + POLL.endMarginMs);
  });

  it("asks again quickly when the item should have ended, then calms down", () => {
    const player = playing({ progressMs: 180_000 });
    expect(nextPollDelay({ ...base, player, now: NOW + 2_000 })).toBe(POLL.overdueFastMs);
    expect(nextPollDelay({ ...base, player, now: NOW + 30_000 })).toBe(POLL.overdueSlowMs);
  });

  it("uses 15 s for ads and items without a length", () => {
    expect(
      nextPollDelay({
        ...base,
        player: playing({ kind: "ad", item: null, durationMs: null, progressMs: 3_000 }),
      }),
    ).toBe(TO_15S_MARK);
    expect(
      nextPollDelay({
        ...base,
        player: playing({ kind: "unknown", item: null, durationMs: null, progressMs: null }),
      }),
    ).toBe(TO_15S_MARK);
  });
});

describe("nextPollDelay otherwise", () => {
  it("polls every 30 s while paused and every 60 s when idle", () => {
    expect(nextPollDelay({ ...base, player: playing({ state: "paused", progressMs: 179_000 }) })).toBe(
      TO_30S_MARK,
    );
    expect(nextPollDelay({ ...base, player: idle() })).toBe(TO_60S_MARK);
  });

  it("puts tabs opened at different moments on the same poll times", () => {
    // Three tabs that last polled at different moments, idle: each next poll is the same instant.
    const nextPolls = [0, 7_123, 18_000].map((age) => {
      const now = NOW + age;
      return now + (nextPollDelay({ ...base, player: idle(NOW + age), now }) as number);
    });
    expect(new Set(nextPolls).size).toBe(1);
    // And a client whose clock runs 2 s behind the server's still polls at the same server time.
    const behind = nextPollDelay({ ...base, player: idle(), offsetMs: 2_000, now: NOW - 2_000 }) as number;
    expect(NOW - 2_000 + behind + 2_000).toBe(nextPolls[0]);
  });

  it("waits as long as Retry-After says on 429", () => {
    expect(nextPollDelay({ ...base, player: undefined, error: err(429, "rate_limited", 12) })).toBe(12_000);
    expect(nextPollDelay({ ...base, player: undefined, error: err(429, "rate_limited") })).toBe(
      POLL.rateLimitFallbackMs,
    );
  });

  it("stops when a sign-in is needed", () => {
    expect(nextPollDelay({ ...base, player: playing(), error: err(401, "reauth_required") })).toBe(false);
    expect(nextPollDelay({ ...base, player: undefined, error: err(401, "unauthenticated") })).toBe(false);
  });

  it("backs off 5, 10, 20, 40, 60 s on other errors, keeping the last data", () => {
    const delays = [1, 2, 3, 4, 5, 9].map((failureStreak) =>
      nextPollDelay({ ...base, player: playing(), error: err(502, "upstream_error"), failureStreak }),
    );
    expect(delays).toEqual([5_000, 10_000, 20_000, 40_000, 60_000, 60_000]);
    expect(backoff(0)).toBe(5_000);
    expect(
      nextPollDelay({ ...base, player: undefined, error: new TypeError("boom"), failureStreak: 2 }),
    ).toBe(10_000);
  });

  it("checks the allow-list only once a minute", () => {
    expect(nextPollDelay({ ...base, player: undefined, error: err(403, "spotify_forbidden") })).toBe(60_000);
  });

  it("asks again only once a minute after a request the server refused as invalid", () => {
    expect(nextPollDelay({ ...base, player: playing(), error: err(400, "invalid_request") })).toBe(
      POLL.hopelessMs,
    );
  });

  it("backs off, not stops, on errors a later poll may clear (not_found, internal_error)", () => {
    for (const [status, code] of [
      [404, "not_found"],
      [500, "internal_error"],
      [504, "upstream_timeout"],
    ] as const) {
      expect(nextPollDelay({ ...base, player: playing(), error: err(status, code), failureStreak: 2 })).toBe(
        10_000,
      );
    }
  });
});

describe("retry policy", () => {
  it("does not retry what a retry cannot fix", () => {
    for (const [status, code] of [
      [401, "unauthenticated"],
      [401, "reauth_required"],
      [403, "spotify_forbidden"],
      [400, "invalid_request"],
    ] as const) {
      expect(shouldRetry(0, err(status, code))).toBe(false);
    }
  });

  it("retries a short rate limit once, after Retry-After, and leaves long ones to the schedule", () => {
    expect(shouldRetry(0, err(429, "rate_limited", 2))).toBe(true);
    expect(retryDelay(0, err(429, "rate_limited", 2))).toBe(2_000);
    expect(shouldRetry(1, err(429, "rate_limited", 2))).toBe(false);
    expect(shouldRetry(0, err(429, "rate_limited", 3))).toBe(false);
    expect(shouldRetry(0, err(429, "rate_limited", 60))).toBe(false);
    expect(shouldRetry(0, err(429, "rate_limited"))).toBe(false);
  });

  it("retries failing to reach Earshot twice, and leaves upstream failures to the server's one retry", () => {
    expect(shouldRetry(0, err(0, "network_error"))).toBe(true);
    expect(shouldRetry(1, err(0, "network_error"))).toBe(true);
    expect(shouldRetry(2, err(0, "network_error"))).toBe(false);
    expect(shouldRetry(0, err(502, "upstream_error"))).toBe(false);
    expect(shouldRetry(0, err(504, "upstream_timeout"))).toBe(false);
    expect([0, 1, 2].map((n) => retryDelay(n, err(0, "network_error")))).toEqual([1_000, 2_000, 4_000]);
  });
});
