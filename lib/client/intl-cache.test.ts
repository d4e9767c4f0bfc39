import { afterEach, describe, expect, it, vi } from "vitest";
import { dateTimeFormat } from "./intl-cache";
import { dayKey, formatDayLabel, formatExactTime, groupByDay, localTimeZone } from "./format-time";

afterEach(() => vi.restoreAllMocks());

describe("dateTimeFormat", () => {
  it("reuses one formatter per locale, zone and options", () => {
    const options = { timeZone: "Europe/Paris", hour: "numeric" } as const;
    const first = dateTimeFormat("en-GB", options);
    expect(dateTimeFormat("en-GB", { ...options })).toBe(first);
    expect(dateTimeFormat("en-GB", { ...options, timeZone: "Asia/Tokyo" })).not.toBe(first);
    expect(dateTimeFormat("de-DE", options)).not.toBe(first);
    expect(dateTimeFormat("en-GB", { timeZone: "Europe/Paris", minute: "2-digit" })).not.toBe(first);
  });

  it("lets the time formatting of a whole list build no formatter after the first render", () => {
    const options = { now: Date.parse("2026-11-28T12:00:00Z"), timeZone: "America/Denver", locale: "en-US" };
    const times = Array.from({ length: 50 }, (_, i) => options.now - i * 3_600_000 * 5);
    const render = () => {
      groupByDay(times, (t) => t, options);
      for (const t of times) formatExactTime(t, options);
      dayKey(options.now, options.timeZone);
      formatDayLabel(times[40]!, options);
      localTimeZone();
    };
    render(); // the first render builds what it needs
    const built = vi.spyOn(Intl, "DateTimeFormat");
    render();
    render();
    expect(built).not.toHaveBeenCalled();
  });
});
