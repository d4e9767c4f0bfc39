import { describe, expect, it } from "vitest";
import { formatChange, formatDuration, formatShare } from "./format";

describe("stats formatting", () => {
  it("says durations in minutes, then hours and minutes, then hours", () => {
    expect(formatDuration(0)).toBe("0 min");
    expect(formatDuration(59 * 60_000)).toBe("59 min");
    expect(formatDuration(125 * 60_000)).toBe("2 h 5 min");
    expect(formatDuration(120 * 60_000)).toBe("2 h");
    expect(formatDuration(1_234 * 3_600_000)).toBe("1,234 h");
  });

  it("says changes against the previous period", () => {
    expect(formatChange(112, 100)).toEqual({ text: "+12 %", direction: "up" });
    expect(formatChange(97, 100)).toEqual({ text: "−3 %", direction: "down" });
    expect(formatChange(5, 0)).toEqual({ text: "new", direction: "up" });
    expect(formatChange(0, 0)).toEqual({ text: "same", direction: "same" });
  });

  it("says shares", () => {
    expect(formatShare(0.4)).toBe("40 %");
    expect(formatShare(0.0123)).toBe("1.2 %");
    expect(formatShare(0.0004)).toBe("0.04 %");
  });
});
