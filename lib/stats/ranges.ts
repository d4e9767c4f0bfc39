// The ranges of /stats, as local calendar days (YYYY-MM-DD, both ends included) in the person's time
// zone: pure, for the server (queries) and the page (links, labels). Every range is a URL
// (`?range=4w|6m|12m|all`, `?range=year&year=2025`, `?range=custom&from=…&to=…`), and each but "all
// time" has a previous period to compare with: the same number of days just before it (a calendar
// year's is the calendar year before).
import { z } from "zod";

export const RANGE_KINDS = ["4w", "6m", "12m", "year", "all", "custom"] as const;
export type RangeKind = (typeof RANGE_KINDS)[number];

export type DayRange = { start: string; end: string };
export type StatsRange = DayRange & {
  kind: RangeKind;
  /** The comparison period; null for all time. */
  previous: DayRange | null;
  /** What the page calls it: "Last 4 weeks", "2025", "1 Jan 2025 – 31 Mar 2025". */
  label: string;
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** The oldest day and the furthest future a range may name: far enough for any real history. */
export const MIN_DAY = "2000-01-01";
export const MAX_SPAN_DAYS = 366 * 40;

const isRealDay = (value: string) => {
  if (!DAY.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
};

const day = (name: string) =>
  z.string().refine(isRealDay, { error: `${name} must be a day as YYYY-MM-DD, e.g. 2025-03-01` });

/** The range's query string (the page's URL and GET /api/stats), checked before anything is read. */
export const rangeQuery = z
  .object({
    range: z.enum(RANGE_KINDS, { error: `range must be one of ${RANGE_KINDS.join(", ")}` }).default("4w"),
    year: z
      .string()
      .regex(/^\d{4}$/, "year must be a year such as 2025")
      .transform(Number)
      .pipe(
        z.number().int().min(2000, "year must be 2000 or later").max(2100, "year must be 2100 or earlier"),
      )
      .optional(),
    from: day("from").optional(),
    to: day("to").optional(),
  })
  .strict()
  .superRefine((q, ctx) => {
    if (q.range === "year" && q.year === undefined)
      ctx.addIssue({ code: "custom", message: "range=year needs year" });
    if (q.range !== "year" && q.year !== undefined)
      ctx.addIssue({ code: "custom", message: "year goes with range=year" });
    if (q.range === "custom") {
      if (!q.from || !q.to) ctx.addIssue({ code: "custom", message: "range=custom needs from and to" });
      else if (q.from > q.to) ctx.addIssue({ code: "custom", message: "from must not be after to" });
      else if (q.from < MIN_DAY)
        ctx.addIssue({ code: "custom", message: `from must be ${MIN_DAY} or later` });
      else if (daysBetween(q.from, q.to) >= MAX_SPAN_DAYS)
        ctx.addIssue({ code: "custom", message: "a custom range may span at most 40 years" });
    } else if (q.from !== undefined || q.to !== undefined) {
      ctx.addIssue({ code: "custom", message: "from and to go with range=custom" });
    }
  });

export type RangeQuery = z.output<typeof rangeQuery>;

const toDate = (value: string) => new Date(`${value}T00:00:00Z`);
const fromDate = (date: Date) => date.toISOString().slice(0, 10);

export function addDays(value: string, days: number): string {
  const date = toDate(value);
  date.setUTCDate(date.getUTCDate() + days);
  return fromDate(date);
}

/** Whole days from `a` to `b` (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((toDate(b).getTime() - toDate(a).getTime()) / 86_400_000);
}

/** `value` moved by whole months, clamped to the month's end (31 Aug − 6 months = 28/29 Feb). */
export function addMonths(value: string, months: number): string {
  const [y, m, d] = value.split("-").map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, last));
  return fromDate(first);
}

/** Today's date in `timeZone` at `now`. */
export function localToday(timeZone: string, now: number): string {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).formatToParts(new Date(now));
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")}`;
}

const dayLabel = (value: string) =>
  new Intl.DateTimeFormat("en-GB", {
    day: "numeric",
    month: "short",
    year: "numeric",
    timeZone: "UTC",
  }).format(toDate(value));

/** The period of the same length just before `range`. */
function previousOf(range: DayRange): DayRange {
  const length = daysBetween(range.start, range.end) + 1;
  return { start: addDays(range.start, -length), end: addDays(range.start, -1) };
}

/**
 * The days `query` names for a person whose today is `today`. All time starts at their first
 * listening day (`firstDay`, null with no plays: then it is just today).
 */
export function resolveRange(query: RangeQuery, today: string, firstDay: string | null): StatsRange {
  switch (query.range) {
    case "4w": {
      const range = { start: addDays(today, -27), end: today };
      return { kind: "4w", ...range, previous: previousOf(range), label: "Last 4 weeks" };
    }
    case "6m": {
      const range = { start: addDays(addMonths(today, -6), 1), end: today };
      return { kind: "6m", ...range, previous: previousOf(range), label: "Last 6 months" };
    }
    case "12m": {
      const range = { start: addDays(addMonths(today, -12), 1), end: today };
      return { kind: "12m", ...range, previous: previousOf(range), label: "Last 12 months" };
    }
    case "year": {
      const year = query.year!;
      return {
        kind: "year",
        start: `${year}-01-01`,
        end: `${year}-12-31`,
        previous: { start: `${year - 1}-01-01`, end: `${year - 1}-12-31` },
        label: String(year),
      };
    }
    case "custom": {
      const range = { start: query.from!, end: query.to! };
      return {
        kind: "custom",
        ...range,
        previous: previousOf(range),
        label: `${dayLabel(range.start)} – ${dayLabel(range.end)}`,
      };
    }
    case "all":
      return {
        kind: "all",
        start: firstDay && firstDay < today ? firstDay : today,
        end: today,
        previous: null,
        label: "All time",
      };
  }
}

/** The query string that names `query` (links between ranges). */
export function rangeSearch(query: RangeQuery): string {
  const params = new URLSearchParams({ range: query.range });
  if (query.range === "year" && query.year !== undefined) params.set("year", String(query.year));
  if (query.range === "custom" && query.from && query.to) {
    params.set("from", query.from);
    params.set("to", query.to);
  }
  return `?${params.toString()}`;
}
