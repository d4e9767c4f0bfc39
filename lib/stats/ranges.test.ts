// The ranges of /stats: the days each names in the person's zone, the previous period, and the
// query's validation (the page's URL and GET /api/stats share it).
import { describe, expect, it } from "vitest";
import { addMonths, localToday, rangeQuery, rangeSearch, resolveRange } from "./ranges";

const parse = (query: Record<string, string>) => rangeQuery.safeParse(query);

describe("resolveRange", () => {
  it("last 4 weeks: 28 days ending today, compared with the 28 before", () => {
    expect(resolveRange({ range: "4w" }, "2024-03-10", null)).toMatchObject({
      start: "2024-02-12",
      end: "2024-03-10",
      previous: { start: "2024-01-15", end: "2024-02-11" },
    });
  });

  it("6 and 12 months end today and start the day after the same date back (leap days clamp)", () => {
    expect(resolveRange({ range: "6m" }, "2024-08-31", null)).toMatchObject({
      start: "2024-03-01",
      end: "2024-08-31",
    });
    expect(resolveRange({ range: "12m" }, "2025-02-28", null)).toMatchObject({
      start: "2024-02-29",
      end: "2025-02-28",
      previous: { start: "2023-02-28", end: "2024-02-28" },
    });
  });

  it("a calendar year is compared with the calendar year before; all time has no previous period", () => {
    expect(resolveRange({ range: "year", year: 2024 }, "2026-01-05", null)).toMatchObject({
      start: "2024-01-01",
      end: "2024-12-31",
      previous: { start: "2023-01-01", end: "2023-12-31" },
      label: "2024",
    });
    expect(resolveRange({ range: "all" }, "2026-01-05", "2019-06-01")).toMatchObject({
      start: "2019-06-01",
      end: "2026-01-05",
      previous: null,
    });
    expect(resolveRange({ range: "all" }, "2026-01-05", null)).toMatchObject({ start: "2026-01-05" });
  });

  it("a custom range keeps its days and compares with as many days just before", () => {
    expect(
      resolveRange({ range: "custom", from: "2024-02-01", to: "2024-02-29" }, "2026-01-05", null),
    ).toMatchObject({
      start: "2024-02-01",
      end: "2024-02-29",
      previous: { start: "2024-01-03", end: "2024-01-31" },
      label: "1 Feb 2024 – 29 Feb 2024",
    });
  });
});

describe("localToday and addMonths", () => {
  it("today is the person's: 23:30 UTC is already tomorrow in Berlin and still today in New York", () => {
    const now = Date.parse("2024-06-30T23:30:00Z");
    expect(localToday("Europe/Berlin", now)).toBe("2024-07-01");
    expect(localToday("America/New_York", now)).toBe("2024-06-30");
  });

  it("months clamp to the month's end", () => {
    expect(addMonths("2024-08-31", -6)).toBe("2024-02-29");
    expect(addMonths("2023-03-31", -1)).toBe("2023-02-28");
    expect(addMonths("2024-01-15", 12)).toBe("2025-01-15");
  });
});

describe("rangeQuery", () => {
  it("defaults to the last 4 weeks and accepts every range", () => {
    expect(parse({})).toMatchObject({ success: true, data: { range: "4w" } });
    for (const range of ["4w", "6m", "12m", "all"]) expect(parse({ range }).success).toBe(true);
    expect(parse({ range: "year", year: "2024" })).toMatchObject({ success: true, data: { year: 2024 } });
    expect(parse({ range: "custom", from: "2024-02-29", to: "2024-03-01" }).success).toBe(true);
  });

  it.each([
    [{ range: "forever" }, "range must be one of"],
    [{ range: "year" }, "range=year needs year"],
    [{ range: "year", year: "24" }, "year must be a year"],
    [{ range: "year", year: "1999" }, "2000 or later"],
    [{ range: "4w", year: "2024" }, "year goes with range=year"],
    [{ range: "custom", from: "2024-01-01" }, "needs from and to"],
    [{ range: "custom", from: "2023-02-29", to: "2023-03-01" }, "from must be a day"],
    [{ range: "custom", from: "2024-03-01", to: "2024-02-01" }, "from must not be after to"],
    [{ range: "4w", from: "2024-03-01" }, "from and to go with range=custom"],
  ])("refuses %o", (query, message) => {
    const result = parse(query as Record<string, string>);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain(message);
  });

  it("refuses unknown parameters", () => {
    expect(parse({ range: "4w", colour: "blue" } as Record<string, string>).error?.issues[0]?.code).toBe(
      "unrecognized_keys",
    );
  });

  it("rangeSearch names a range as the page's URL does", () => {
    expect(rangeSearch({ range: "year", year: 2024 })).toBe("?range=year&year=2024");
    expect(rangeSearch({ range: "custom", from: "2024-01-01", to: "2024-01-31" })).toBe(
      "?range=custom&from=2024-01-01&to=2024-01-31",
    );
  });
});
