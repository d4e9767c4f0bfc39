// What the stats pages show: the app's own small types, shared by the queries and the components.
import type { StatsRange } from "./ranges";

export type Totals = { ms: number; plays: number; tracks: number; artists: number; albums: number };

/** One row of a top list: a track (subtitle: its artists), an artist, or an album (its artists). */
export type TopItem = {
  id: string;
  name: string;
  subtitle: string | null;
  image: string | null;
  plays: number;
  ms: number;
  /** The person's first play of it ever (an ISO instant). */
  firstPlayedAt: string;
};

export type TopLists = { byPlays: TopItem[]; byMinutes: TopItem[] };

export type DayFigure = { day: string; plays: number; ms: number };
export type Streak = { days: number; start: string; end: string };
export type MonthDiscoveries = { month: string; tracks: number; artists: number };

export type StatsData = {
  range: StatsRange;
  timeZone: string;
  /** Whether the person chose a zone (or the browser told us); false: UTC until then. */
  timeZoneSet: boolean;
  /**
   * An import's plays are stored but not all counted yet: its days' rollups are being rebuilt in the
   * background (lib/import/stats-catch-up.ts), so these figures may leave some of them out.
   */
  catchingUp: boolean;
  totals: Totals;
  previousTotals: Totals | null;
  tops: { tracks: TopLists; artists: TopLists; albums: TopLists };
  /** Days of the range with any listening, oldest first. */
  days: DayFigure[];
  /** Milliseconds heard per local weekday (0 = Monday) and hour (0–23). */
  hourOfWeek: number[][];
  streaks: { longest: Streak | null; current: Streak | null };
  discoveries: MonthDiscoveries[];
};

export type MonthFigure = { month: string; plays: number; ms: number };

export type SubjectStats = {
  kind: "artist" | "track";
  id: string;
  name: string;
  subtitle: string | null;
  image: string | null;
  url: string | null;
  plays: number;
  ms: number;
  firstPlayedAt: string | null;
  lastPlayedAt: string | null;
  /** Its share of all the person's listening time, 0–1. */
  shareOfMs: number;
  shareOfPlays: number;
  timeline: MonthFigure[];
  /** The artist's tracks (a track page: the other tracks of its first artist). */
  topTracks: TopItem[];
  artists: { id: string; name: string }[];
  timeZone: string;
};
