// How stats say their numbers: time heard, changes against the previous period, days and months.
// Pure, for server components and tests.

const number = new Intl.NumberFormat("en-GB");

/** Listening time: "45 min", "12 h 5 min", "1,234 h". */
export function formatDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours >= 100) return `${number.format(hours)} h`;
  const rest = minutes % 60;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

/** Whole minutes, grouped: "12,345". */
export const formatMinutes = (ms: number) => number.format(Math.round(ms / 60_000));
export const formatCount = (value: number) => number.format(value);

/** The change from `before` to `now`: "+12 %", "−3 %", "new" (nothing before), "same". */
export function formatChange(
  now: number,
  before: number,
): { text: string; direction: "up" | "down" | "same" } {
  if (before === 0) return now === 0 ? { text: "same", direction: "same" } : { text: "new", direction: "up" };
  const change = Math.round(((now - before) / before) * 100);
  if (change === 0) return { text: "same", direction: "same" };
  return change > 0
    ? { text: `+${number.format(change)} %`, direction: "up" }
    : { text: `−${number.format(-change)} %`, direction: "down" };
}

const dayFormat = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  timeZone: "UTC",
});
const monthFormat = new Intl.DateTimeFormat("en-GB", { month: "short", year: "numeric", timeZone: "UTC" });

/** A local day (YYYY-MM-DD): "29 Feb 2024". */
export const formatDay = (day: string) => dayFormat.format(new Date(`${day}T00:00:00Z`));
/** A local month (YYYY-MM): "Feb 2024". */
export const formatMonth = (month: string) => monthFormat.format(new Date(`${month}-01T00:00:00Z`));

/** An instant as a day in `timeZone`: "29 Feb 2024". */
export function formatInstantDay(iso: string, timeZone: string): string {
  if (!iso) return "";
  return new Intl.DateTimeFormat("en-GB", {
    day: "numeric",
    month: "short",
    year: "numeric",
    timeZone,
  }).format(new Date(iso));
}

export const formatShare = (share: number) =>
  share >= 0.1 ? `${Math.round(share * 100)} %` : `${(share * 100).toFixed(share >= 0.001 ? 1 : 2)} %`;

export const WEEKDAYS = [
  "Monday",
  "Tuesday",
  "Wednesday",
  "Thursday",
  "Friday",
  "Saturday",
  "Sunday",
] as const;
