// Durations, relative times and day labels for the dashboard, in the listener's own time zone.
// Every function takes `now`, `timeZone` and `locale` so tests do not depend on the machine.
import type { ListenerTime } from "@/lib/listening/listener-time";
import { dateTimeFormat } from "./intl-cache";

export type TimeOptions = { now?: number; timeZone?: string; locale?: string };

/** "3:07", "1:02:03"; negative or unknown durations read "0:00". */
export function formatDuration(ms: number | null | undefined): string {
  const total = ms === null || ms === undefined || !Number.isFinite(ms) || ms < 0 ? 0 : Math.floor(ms / 1000);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const ss = String(seconds).padStart(2, "0");
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, "0")}:${ss}` : `${minutes}:${ss}`;
}

/** "just now", "3 min ago", "2 h ago", "1 day ago", "5 days ago", then the date. */
export function formatRelative(iso: string | number, options: TimeOptions = {}): string {
  const time = typeof iso === "number" ? iso : Date.parse(iso);
  const now = options.now ?? Date.now();
  // A time slightly ahead of our clock is skew, not the future.
  const seconds = Math.max(0, Math.floor((now - time) / 1000));
  if (seconds < 60) return "just now";
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.floor(hours / 24);
  if (days < 30) return days === 1 ? "1 day ago" : `${days} days ago`;
  return formatDayLabel(time, options);
}

/** The calendar day `time` falls on in `timeZone`, as "YYYY-MM-DD" (sortable, a stable key). */
export function dayKey(time: number, timeZone?: string): string {
  const parts = dateTimeFormat("en-US", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).formatToParts(time);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "00";
  return `${get("year")}-${get("month")}-${get("day")}`;
}

/** The day before a "YYYY-MM-DD" key, by the calendar (DST days are not 24 h long). */
export function previousDayKey(key: string): string {
  const [y, m, d] = key.split("-").map(Number);
  const date = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, (d ?? 1) - 1));
  return date.toISOString().slice(0, 10);
}

/** "Today", "Yesterday", else "Mon, 24 Nov" (with the year when it is not this year). */
export function formatDayLabel(time: number, options: TimeOptions = {}): string {
  const { timeZone, locale } = options;
  const now = options.now ?? Date.now();
  const key = dayKey(time, timeZone);
  const today = dayKey(now, timeZone);
  if (key === today) return "Today";
  if (key === previousDayKey(today)) return "Yesterday";
  const sameYear = key.slice(0, 4) === today.slice(0, 4);
  const parts = dateTimeFormat(locale, {
    timeZone,
    weekday: "short",
    day: "numeric",
    month: "short",
    year: sameYear ? undefined : "numeric",
  }).formatToParts(time);
  // Recent CLDR data dropped the comma after the weekday in some English locales ("Mon 24 Nov");
  // keep "Mon, 24 Nov", which reads better as a heading, whatever the runtime's data.
  return parts
    .map((part, index) =>
      part.type === "literal" && parts[index - 1]?.type === "weekday" && part.value.trim() === ""
        ? ", "
        : part.value,
    )
    .join("");
}

/** The full moment, for tooltips: "Mon, 24 Nov 2025, 14:05:09 CET" (in the locale's own order). */
export function formatExactTime(iso: string | number, options: TimeOptions = {}): string {
  const time = typeof iso === "number" ? iso : Date.parse(iso);
  return dateTimeFormat(options.locale, {
    timeZone: options.timeZone,
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "numeric",
    minute: "2-digit",
    second: "2-digit",
    timeZoneName: "short",
  }).format(time);
}

export type DayGroup<T> = { key: string; label: string; items: T[] };

/** Groups newest-first items by calendar day in `timeZone`, keeping their order. */
export function groupByDay<T>(
  items: T[],
  timeOf: (item: T) => number,
  options: TimeOptions = {},
): DayGroup<T>[] {
  const groups = new Map<string, DayGroup<T>>();
  for (const item of items) {
    const time = timeOf(item);
    const key = dayKey(time, options.timeZone);
    const group = groups.get(key);
    if (group) group.items.push(item);
    else groups.set(key, { key, label: formatDayLabel(time, options), items: [item] });
  }
  return [...groups.values()];
}

let browserTime: ListenerTime | undefined;

/**
 * The listener's time zone and locale, as the browser knows them, read once: they are asked on every
 * render, and a zone that changes while the tab is open (travel) shows after a reload. A page's first
 * use of Intl costs tens of ms (the runtime loads its locale data): on the signed-in pages it was paid
 * before the first paint (components/layout/listener-time-script.tsx).
 */
export function localListenerTime(): ListenerTime {
  if (!browserTime) {
    const { timeZone, locale } = new Intl.DateTimeFormat().resolvedOptions();
    browserTime = { timeZone, locale };
  }
  return browserTime;
}

/** The listener's time zone (see localListenerTime). */
export function localTimeZone(): string {
  return localListenerTime().timeZone;
}
