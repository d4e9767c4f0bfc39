import { describe, expect, it } from "vitest";
import { EMPTY_VIEW, historyApiParams, parseDay, readView, startOfDay, viewSearch } from "./history-view";

describe("the history view in the URL", () => {
  it("reads what it can and drops what it cannot", () => {
    const view = readView(
      new URLSearchParams(
        "q=beyoncé&artist=spotify:artist:x&album=evil&source=imported&from=2024-02-30&to=2024-03-01&at=x",
      ),
    );
    expect(view).toEqual({
      ...EMPTY_VIEW,
      q: "beyoncé",
      artist: "spotify:artist:x",
      source: "imported",
      to: "2024-03-01",
    });
    expect(parseDay("2024-02-29")).toBe("2024-02-29");
    expect(parseDay("2023-02-29")).toBeNull();
  });

  it("writes one URL per view, whatever the order things were chosen in", () => {
    const view = { ...EMPTY_VIEW, to: "2024-03-01", q: "  halo ", artist: "spotify:artist:x" };
    expect(viewSearch(view)).toBe("?q=halo&artist=spotify%3Aartist%3Ax&to=2024-03-01");
    expect(readView(new URLSearchParams(viewSearch(view)))).toEqual({ ...view, q: "halo" });
    expect(viewSearch(EMPTY_VIEW)).toBe("");
  });

  it("starts days in the listener's zone, across DST changes", () => {
    const iso = (day: string, zone: string) => new Date(startOfDay(day, zone)).toISOString();
    expect(iso("2024-01-01", "Asia/Tokyo")).toBe("2023-12-31T15:00:00.000Z");
    expect(iso("2024-03-31", "Europe/Berlin")).toBe("2024-03-30T23:00:00.000Z");
    expect(iso("2024-04-01", "Europe/Berlin")).toBe("2024-03-31T22:00:00.000Z");
    expect(iso("2024-11-03", "America/New_York")).toBe("2024-11-03T04:00:00.000Z");
    expect(iso("2024-11-04", "America/New_York")).toBe("2024-11-04T05:00:00.000Z");
    // Santiago skipped midnight on 2022-09-11: the day began at the jump (01:00 local).
    expect(iso("2022-09-11", "America/Santiago")).toBe("2022-09-11T04:00:00.000Z");
    expect(iso("2024-06-01", "UTC")).toBe("2024-06-01T00:00:00.000Z");
  });

  it("turns days into the API's instants: from inclusive, to the start of the next day, a jump caps it", () => {
    const params = historyApiParams(
      { ...EMPTY_VIEW, q: "x", from: "2024-03-01", to: "2024-03-31", at: "2024-03-10" },
      "Europe/Berlin",
    );
    expect(Object.fromEntries(params)).toEqual({
      q: "x",
      from: "2024-02-29T23:00:00.000Z",
      to: "2024-03-10T23:00:00.000Z",
    });
    const inverted = historyApiParams({ ...EMPTY_VIEW, from: "2024-03-05", to: "2024-03-01" }, "UTC");
    expect(Date.parse(inverted.get("from")!)).toBeLessThan(Date.parse(inverted.get("to")!));
  });
});
