import { describe, expect, it } from "vitest";
import {
  dayKey,
  formatDayLabel,
  formatDuration,
  formatExactTime,
  formatRelative,
  groupByDay,
  previousDayKey,
} from "./format-time";

describe("formatDuration", () => {
  it("formats minutes and hours", () => {
    expect(formatDuration(187_000)).toBe("3:07");
    expect(formatDuration(3_723_000)).toBe("1:02:03");
    expect(formatDuration(59_999)).toBe("0:59");
    expect(formatDuration(0)).toBe("0:00");
    expect(formatDuration(600_000)).toBe("10:00");
  });

  it("treats unknown or negative as zero", () => {
    expect(formatDuration(null)).toBe("0:00");
    expect(formatDuration(-5)).toBe("0:00");
    expect(formatDuration(Number.NaN)).toBe("0:00");
  });
});

describe("formatRelative", () => {
  const now = Date.parse("2025-11-24T12:00:00Z");
  const ago = (ms: number) => new Date(now - ms).toISOString();

  it("reads naturally", () => {
    expect(formatRelative(ago(10_000), { now })).toBe("just now");
    expect(formatRelative(ago(3 * 60_000 + 5_000), { now })).toBe("3 min ago");
    expect(formatRelative(ago(59 * 60_000), { now })).toBe("59 min ago");
    expect(formatRelative(ago(2 * 3_600_000 + 1), { now })).toBe("2 h ago");
    expect(formatRelative(ago(25 * 3_600_000), { now })).toBe("1 day ago");
    expect(formatRelative(ago(5 * 86_400_000), { now })).toBe("5 days ago");
  });

  it("treats a time slightly in the future (clock skew) as just now", () => {
    expect(formatRelative(new Date(now + 5_000).toISOString(), { now })).toBe("just now");
  });

  it("falls back to the date after a month", () => {
    expect(formatRelative(ago(40 * 86_400_000), { now, timeZone: "UTC", locale: "en-GB" })).toBe(
      "Wed, 15 Oct",
    );
  });
});

describe("day grouping", () => {
  it("keys days in the given time zone", () => {
    const t = Date.parse("2025-11-24T23:30:00Z");
    expect(dayKey(t, "UTC")).toBe("2025-11-24");
    expect(dayKey(t, "Europe/Berlin")).toBe("2025-11-25");
    expect(dayKey(t, "America/Los_Angeles")).toBe("2025-11-24");
  });

  it("steps back across months, years and DST changes by the calendar", () => {
    expect(previousDayKey("2025-03-01")).toBe("2025-02-28");
    expect(previousDayKey("2024-03-01")).toBe("2024-02-29");
    expect(previousDayKey("2025-01-01")).toBe("2024-12-31");
    expect(previousDayKey("2025-03-31")).toBe("2025-03-30"); // Europe's spring-forward day
  });

  it("labels Today, Yesterday, then dates (with the year when not this year)", () => {
    const options = { now: Date.parse("2025-11-24T10:00:00Z"), timeZone: "UTC", locale: "en-GB" };
    expect(formatDayLabel(Date.parse("2025-11-24T00:00:00Z"), options)).toBe("Today");
    expect(formatDayLabel(Date.parse("2025-11-23T23:59:59Z"), options)).toBe("Yesterday");
    expect(formatDayLabel(Date.parse("2025-11-22T12:00:00Z"), options)).toBe("Sat, 22 Nov");
    expect(formatDayLabel(Date.parse("2024-12-30T12:00:00Z"), options)).toBe("Mon, 30 Dec 2024");
  });

  it("groups across midnight in the listener's time zone, not UTC", () => {
    // 00:30 in Berlin on the 24th is still the 23rd in UTC.
    const now = Date.parse("2025-11-24T08:00:00Z");
    const times = [
      "2025-11-24T07:00:00Z",
      "2025-11-23T23:30:00Z",
      "2025-11-23T22:30:00Z",
      "2025-11-22T12:00:00Z",
    ].map(Date.parse);

    const berlin = groupByDay(times, (t) => t, { now, timeZone: "Europe/Berlin", locale: "en-GB" });
    expect(berlin.map((g) => [g.label, g.items.length])).toEqual([
      ["Today", 2],
      ["Yesterday", 1],
      ["Sat, 22 Nov", 1],
    ]);

    const utc = groupByDay(times, (t) => t, { now, timeZone: "UTC", locale: "en-GB" });
    expect(utc.map((g) => [g.label, g.items.length])).toEqual([
      ["Today", 1],
      ["Yesterday", 2],
      ["Sat, 22 Nov", 1],
    ]);
  });

  it("is right on a day that is 23 hours long", () => {
    // Berlin sprang forward on 2025-03-30; at 00:30 on the 31st, 00:30 on the 30th is "Yesterday".
    const now = Date.parse("2025-03-30T22:30:00Z"); // 00:30 CEST, 31 March
    const options = { now, timeZone: "Europe/Berlin", locale: "en-GB" };
    expect(formatDayLabel(Date.parse("2025-03-29T23:30:00Z"), options)).toBe("Yesterday"); // 00:30 CET, 30 March
    expect(formatDayLabel(Date.parse("2025-03-29T22:30:00Z"), options)).toBe("Sat, 29 Mar");
  });

  it("keeps one group per day even if input is out of order", () => {
    const now = Date.parse("2025-11-24T12:00:00Z");
    const groups = groupByDay([now, now - 86_400_000, now - 1_000], (t) => t, { now, timeZone: "UTC" });
    expect(groups.map((g) => g.items.length)).toEqual([2, 1]);
  });
});

describe("formatExactTime", () => {
  it("shows the moment in the listener's zone", () => {
    const text = formatExactTime("2025-11-24T13:05:09Z", { timeZone: "Europe/Berlin", locale: "en-GB" });
    expect(text).toContain("24 Nov 2025");
    expect(text).toContain("14:05:09");
    expect(text).toMatch(/CET|GMT\+1/);
  });
});
