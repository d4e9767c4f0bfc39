import { describe, expect, it } from "vitest";
import { createLinkRateLimit } from "./link-rate-limit";

describe("the per-link rate limit", () => {
  it("allows the limit in a minute, then answers 429 with the seconds left, per link", () => {
    let now = 0;
    const limit = createLinkRateLimit(3, () => now);
    for (let i = 0; i < 3; i += 1) limit.take("a");
    now = 20_000;
    expect(() => limit.take("a")).toThrow(
      expect.objectContaining({ code: "rate_limited", retryAfterSeconds: 40 }),
    );
    expect(() => limit.take("b")).not.toThrow();
    now = 60_000;
    expect(() => limit.take("a")).not.toThrow();
  });
});
