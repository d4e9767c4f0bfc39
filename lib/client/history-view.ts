// What the history page shows, as it lives in its URL (so a view can be shared and Back works):
// search words, an artist, an album, a source, a range of days and a day to jump to. Days are the
// listener's calendar days ("YYYY-MM-DD" in their time zone); the API gets instants.
import type { PlaySource } from "@/lib/listening";
import { dateTimeFormat } from "./intl-cache";

export type HistoryView = {
  q: string;
  artist: string | null;
  album: string | null;
  source: PlaySource | null;
  /** First day shown (inclusive). */
  from: string | null;
  /** Last day shown (inclusive). */
  to: string | null;
  /** Jump to date: the list starts at the end of this day. */
  at: string | null;
};

export const EMPTY_VIEW: HistoryView = {
  q: "",
  artist: null,
  album: null,
  source: null,
  from: null,
  to: null,
  at: null,
};

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "YYYY-MM-DD" that names a real day, else null. */
export function parseDay(value: string | null | undefined): string | null {
  const match = value ? DAY.exec(value) : null;
  if (!match) return null;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
    ? value!
    : null;
}

const KEY = /^(spotify|local):/;

/** The view a URL's query names; anything unreadable is left out rather than failing the page. */
export function readView(params: URLSearchParams): HistoryView {
  const key = (name: string) => {
    const value = params.get(name);
    return value && KEY.test(value) && value.length <= 512 ? value : null;
  };
  const source = params.get("source");
  return {
    q: (params.get("q") ?? "").slice(0, 200),
    artist: key("artist"),
    album: key("album"),
    source: source === "recorded" || source === "imported" ? source : null,
    from: parseDay(params.get("from")),
    to: parseDay(params.get("to")),
    at: parseDay(params.get("at")),
  };
}

/** The page URL's query for a view: fixed order, nothing empty, so one view has one URL. */
export function viewSearch(view: HistoryView): string {
  const params = new URLSearchParams();
  if (view.q.trim()) params.set("q", view.q.trim());
  for (const name of ["artist", "album", "source", "from", "to", "at"] as const) {
    const value = view[name];
    if (value) params.set(name, value);
  }
  const search = params.toString();
  return search ? `?${search}` : "";
}

/** True when anything narrows the list (a jump only moves it). */
export function isFiltered(view: HistoryView): boolean {
  return Boolean(view.q.trim() || view.artist || view.album || view.source || view.from || view.to);
}

/** The day after a "YYYY-MM-DD" key, by the calendar. */
export function nextDay(day: string): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/** How far `timeZone` is ahead of UTC at `time`, in ms. */
function zoneOffsetMs(time: number, timeZone: string): number {
  const parts = dateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(time);
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(
    get("year"),
    get("month") - 1,
    get("day"),
    get("hour"),
    get("minute"),
    get("second"),
  );
  return asUtc - (time - (time % 1000));
}

/**
 * The instant a calendar day starts in `timeZone`. A DST change is taken into account (the offset
 * is read again at the answer); where midnight does not exist, the day starts when the clock jumps.
 */
export function startOfDay(day: string, timeZone: string): number {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d);
  let guess = wall - zoneOffsetMs(wall, timeZone);
  guess = wall - zoneOffsetMs(guess, timeZone);
  // Midnight skipped by a DST jump: the guess lands just before it, on the day before. The day
  // begins at the jump, which is midnight by the offset in force until then.
  if (zoneOffsetMs(guess, timeZone) !== wall - guess) guess = wall - zoneOffsetMs(guess, timeZone);
  return guess;
}

/** GET /api/history's query for a view (without cursor and limit). */
export function historyApiParams(view: HistoryView, timeZone: string): URLSearchParams {
  const params = new URLSearchParams();
  if (view.q.trim()) params.set("q", view.q.trim());
  if (view.artist) params.set("artist", view.artist);
  if (view.album) params.set("album", view.album);
  if (view.source) params.set("source", view.source);
  if (view.from) params.set("from", new Date(startOfDay(view.from, timeZone)).toISOString());
  // `to` is exclusive for the API: the start of the day after the last day shown (or jumped to).
  const ends = [view.to, view.at]
    .filter((day): day is string => day !== null)
    .map((day) => startOfDay(nextDay(day), timeZone));
  if (ends.length > 0) params.set("to", new Date(Math.min(...ends)).toISOString());
  // An empty or inverted range asks for nothing; the API would refuse it, so say it here.
  const from = params.get("from");
  const to = params.get("to");
  if (from && to && Date.parse(from) >= Date.parse(to))
    params.set("from", new Date(Date.parse(to) - 1).toISOString());
  return params;
}
