import { describe, expect, it } from "vitest";
import { formatEta, importProgress } from "./import-progress";

describe("importProgress", () => {
  const startedAt = "2026-01-01T00:00:00.000Z";
  const t0 = Date.parse(startedAt);

  it("gives the fraction, the pace since the start and the time left at that pace", () => {
    expect(importProgress({ plays: 1_000, processed: 250, startedAt }, t0 + 5_000)).toEqual({
      fraction: 0.25,
      rowsPerSecond: 50,
      etaSeconds: 15,
    });
  });

  it("has no pace before anything is done, and an empty import is complete", () => {
    expect(importProgress({ plays: 1_000, processed: 0, startedAt }, t0 + 5_000)).toEqual({
      fraction: 0,
      rowsPerSecond: null,
      etaSeconds: null,
    });
    expect(importProgress({ plays: 0, processed: 0, startedAt: null }, t0).fraction).toBe(1);
  });

  it("says the time left in seconds, then minutes", () => {
    expect(formatEta(0.2)).toBe("less than a second");
    expect(formatEta(42.4)).toBe("42 s");
    expect(formatEta(600)).toBe("10 min");
  });
});
