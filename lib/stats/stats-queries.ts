// Reading /stats from the rollups (migrations 0004_stats_rollups and 0005_stats_artist_album_rollups):
// every figure is aggregated in SQL from `listening_days` (totals, calendar, streaks),
// `listening_hours` (a range's hour of week) or `listening_week_hours` (all time's), the day rollups
// by track, artist and album (a range's tops and distinct counts) or their all-time counterparts
// (all time, first plays, discoveries); nothing loads plays into JavaScript, and no range's rows are
// joined to the catalog (only the few that make a top list are). Every query starts from the
// person's id: nobody else's rows can come back.
import "server-only";
import { type SQL, sql } from "drizzle-orm";
import type { Queryable } from "@/lib/db/connection";
import { statsCatchingUp } from "@/lib/import/stats-catch-up";
import { type DayRange, localToday, type RangeQuery, resolveRange } from "./ranges";
import type { DayFigure, MonthDiscoveries, StatsData, Streak, TopItem, TopLists, Totals } from "./types";

/** How many rows each top list shows. */
export const TOP_SIZE = 10;

type Zone = { timeZone: string; timeZoneSet: boolean };

export async function readZone(db: Queryable, userId: string): Promise<Zone> {
  const { rows } = await db.execute<{ time_zone: string | null }>(
    sql`SELECT time_zone FROM users WHERE id = ${userId}`,
  );
  const zone = rows[0]?.time_zone ?? null;
  return { timeZone: zone ?? "UTC", timeZoneSet: zone !== null };
}

/** The person's first local day with listening, or null. */
async function firstDay(db: Queryable, userId: string): Promise<string | null> {
  const { rows } = await db.execute<{ day: string | null }>(
    sql`SELECT to_char(min(day), 'YYYY-MM-DD') AS day FROM listening_days WHERE user_id = ${userId}`,
  );
  return rows[0]?.day ?? null;
}

const daysIn = (range: DayRange) => sql`day BETWEEN ${range.start}::date AND ${range.end}::date`;

/** Local hours `range` covers, as a condition on `listening_hours.hour`. */
const hoursIn = (range: DayRange) => sql`hour >= ${range.start}::date AND hour < ${range.end}::date + 1`;

async function readDays(db: Queryable, userId: string, range: DayRange): Promise<DayFigure[]> {
  const { rows } = await db.execute<DayFigure>(sql`
    SELECT to_char(day, 'YYYY-MM-DD') AS day, plays, ms::float8 AS ms
      FROM listening_days WHERE user_id = ${userId} AND ${daysIn(range)} ORDER BY day`);
  return rows;
}

async function readHourOfWeek(
  db: Queryable,
  userId: string,
  range: DayRange,
  whole: boolean,
): Promise<number[][]> {
  // All time is the all-time rollup (168 rows) less any hour after today (a play stamped in the
  // future by a skewed clock), instead of a sum over every local hour of the history.
  const source = whole
    ? sql`SELECT dow, hour AS h, ms FROM listening_week_hours WHERE user_id = ${userId}
          UNION ALL
          SELECT date_part('isodow', hour)::int - 1, date_part('hour', hour)::int, -ms
            FROM listening_hours WHERE user_id = ${userId} AND hour >= ${range.end}::date + 1`
    : sql`SELECT date_part('isodow', hour)::int - 1 AS dow, date_part('hour', hour)::int AS h, ms
            FROM listening_hours WHERE user_id = ${userId} AND ${hoursIn(range)}`;
  const { rows } = await db.execute<{ dow: number; h: number; ms: number }>(sql`
    SELECT dow, h, sum(ms::float8) AS ms FROM (${source}) s GROUP BY 1, 2`);
  const grid = Array.from({ length: 7 }, () => Array.from({ length: 24 }, () => 0));
  for (const row of rows) grid[row.dow]![row.h] = row.ms;
  return grid;
}

// Sums of milliseconds are taken in float8: exact for integers below 2^53 (285,000 years), and far
// cheaper than the numeric that sum(bigint) makes.

/** Where each kind's rollups live: per local day, and all time. */
const ROLLUPS = {
  track: { key: "track_id", days: "listening_day_tracks", whole: "listening_tracks" },
  artist: { key: "artist_id", days: "listening_day_artists", whole: "listening_artists" },
  album: { key: "album_id", days: "listening_day_albums", whole: "listening_albums" },
} as const;
type Kind = keyof typeof ROLLUPS;

/** The tracks (artists, albums) of a range with their plays and time: from day rollups, or all-time ones. */
function rangeRows(kind: Kind, userId: string, range: DayRange | "all"): SQL {
  const { key, days, whole } = ROLLUPS[kind];
  if (range === "all") {
    return sql`SELECT ${sql.raw(key)} AS id, plays, ms::float8 AS ms FROM ${sql.raw(whole)} WHERE user_id = ${userId}`;
  }
  return sql`
    SELECT ${sql.raw(key)} AS id, sum(plays)::int AS plays, sum(ms::float8) AS ms FROM ${sql.raw(days)}
     WHERE user_id = ${userId} AND ${daysIn(range)} GROUP BY ${sql.raw(key)}`;
}

/** A top list's entry, with its name, cover and first play. */
type Ranked = {
  id: string;
  plays: number;
  ms: number;
  name: string | null;
  subtitle: string | null;
  image: string | null;
  first_played_at: string | null;
};
type TopsRow = { count: number; by_plays: Ranked[] | null; by_ms: Ranked[] | null };

/**
 * How many tracks (artists, albums) a range has, and the top ones by plays and by time with their
 * names, covers and first plays, in one statement (the catalog is read for the top 10s only, and
 * no further round trip waits for the tops).
 */
async function readTop(db: Queryable, userId: string, kind: Kind, range: DayRange | "all") {
  const list = (from: string, order: string) =>
    sql.raw(`(SELECT json_agg(json_build_object('id', x.id, 'plays', x.plays, 'ms', x.ms, 'name', d.name,
       'subtitle', d.subtitle, 'image', d.image, 'first_played_at', d.first_played_at) ORDER BY ${order}, x.id)
       FROM ${from} x LEFT JOIN d ON d.id = x.id)`);
  const { rows } = await db.execute<TopsRow>(sql`
    WITH r AS MATERIALIZED (${rangeRows(kind, userId, range)}),
    by_plays AS MATERIALIZED (SELECT id, plays, ms FROM r ORDER BY plays DESC, ms DESC, id LIMIT ${TOP_SIZE}),
    by_ms AS MATERIALIZED (SELECT id, plays, ms FROM r ORDER BY ms DESC, plays DESC, id LIMIT ${TOP_SIZE}),
    ids AS (SELECT id FROM by_plays UNION SELECT id FROM by_ms),
    d AS MATERIALIZED (${details(kind, userId)})
    SELECT (SELECT count(*) FROM r)::int AS count, ${list("by_plays", "x.plays DESC, x.ms DESC")} AS by_plays,
           ${list("by_ms", "x.ms DESC, x.plays DESC")} AS by_ms`);
  return rows[0]!;
}

/**
 * The previous period's plays, time and distinct tracks, artists and albums, in one statement
 * (its tops are never shown).
 */
async function readPreviousTotals(db: Queryable, userId: string, range: DayRange): Promise<Totals> {
  const distinct = (kind: Kind) => {
    const { key, days } = ROLLUPS[kind];
    return sql`(SELECT count(*) FROM (SELECT DISTINCT ${sql.raw(key)} FROM ${sql.raw(days)} WHERE user_id = ${userId} AND ${daysIn(range)}) k)::int`;
  };
  const { rows } = await db.execute<Totals>(sql`
    SELECT coalesce(sum(plays), 0)::int AS plays, coalesce(sum(ms::float8), 0) AS ms,
           ${distinct("track")} AS tracks, ${distinct("artist")} AS artists, ${distinct("album")} AS albums
      FROM listening_days WHERE user_id = ${userId} AND ${daysIn(range)}`);
  return rows[0]!;
}

const iso = (column: string) =>
  sql.raw(`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

/** Names, covers and first plays of the tracks (artists, albums) in `ids` (a top list's). */
function details(kind: Kind, userId: string): SQL {
  switch (kind) {
    case "track":
      return sql`
        SELECT t.id, t.title AS name,
               (SELECT string_agg(a.name, ', ' ORDER BY ta.position) FROM track_artists ta JOIN artists a ON a.id = ta.artist_id
                 WHERE ta.track_id = t.id) AS subtitle,
               coalesce(al.image_medium, al.image_small, al.image_large) AS image,
               ${iso("lt.first_played_at")} AS first_played_at
          FROM ids JOIN tracks t ON t.id = ids.id LEFT JOIN albums al ON al.id = t.album_id
          JOIN listening_tracks lt ON lt.user_id = ${userId} AND lt.track_id = t.id`;
    case "artist":
      return sql`
        SELECT a.id, a.name, NULL AS subtitle,
               (SELECT coalesce(al.image_medium, al.image_small, al.image_large)
                  FROM track_artists ta JOIN listening_tracks lt ON lt.user_id = ${userId} AND lt.track_id = ta.track_id
                  JOIN tracks t ON t.id = ta.track_id JOIN albums al ON al.id = t.album_id
                 WHERE ta.artist_id = a.id ORDER BY lt.plays DESC, t.id LIMIT 1) AS image,
               ${iso("la.first_played_at")} AS first_played_at
          FROM ids JOIN artists a ON a.id = ids.id
          JOIN listening_artists la ON la.user_id = ${userId} AND la.artist_id = a.id`;
    case "album":
      return sql`
        SELECT al.id, al.name,
               (SELECT string_agg(DISTINCT a.name, ', ') FROM tracks t JOIN track_artists ta ON ta.track_id = t.id AND ta.position = 0
                  JOIN artists a ON a.id = ta.artist_id
                 WHERE t.album_id = al.id AND EXISTS (SELECT 1 FROM listening_tracks lt WHERE lt.user_id = ${userId} AND lt.track_id = t.id)) AS subtitle,
               coalesce(al.image_medium, al.image_small, al.image_large) AS image,
               (SELECT ${iso("min(lt.first_played_at)")} FROM tracks t
                  JOIN listening_tracks lt ON lt.user_id = ${userId} AND lt.track_id = t.id
                 WHERE t.album_id = al.id) AS first_played_at
          FROM ids JOIN albums al ON al.id = ids.id`;
  }
}

async function readStreaks(db: Queryable, userId: string, range: DayRange, today: string) {
  // Islands of consecutive listening days (a day with at least one play): day − its rank is constant
  // along a run. The longest is clipped to the range; the current one ends today or yesterday.
  const { rows } = await db.execute<{ longest: Streak | null; current: Streak | null }>(sql`
    WITH d AS (SELECT day FROM listening_days WHERE user_id = ${userId} AND plays > 0),
    islands AS (SELECT min(day) AS s, max(day) AS e FROM (SELECT day, day - (row_number() OVER (ORDER BY day))::int AS grp FROM d) g GROUP BY grp),
    clipped AS (SELECT greatest(s, ${range.start}::date) AS s, least(e, ${range.end}::date) AS e FROM islands
                 WHERE e >= ${range.start}::date AND s <= ${range.end}::date)
    SELECT (SELECT json_build_object('days', e - s + 1, 'start', to_char(s, 'YYYY-MM-DD'), 'end', to_char(e, 'YYYY-MM-DD'))
              FROM clipped ORDER BY e - s DESC, e DESC LIMIT 1) AS longest,
           (SELECT json_build_object('days', e - s + 1, 'start', to_char(s, 'YYYY-MM-DD'), 'end', to_char(e, 'YYYY-MM-DD'))
              FROM islands WHERE e >= ${today}::date - 1 AND s <= ${today}::date ORDER BY e DESC LIMIT 1) AS current`);
  return rows[0] ?? { longest: null, current: null };
}

/**
 * First plays of tracks and of artists per local month of the range. An artist is discovered when
 * the first play of any of their tracks is in the range (their all-time first play, kept by the
 * rollups, so no earlier play needs looking for).
 */
async function readDiscoveries(db: Queryable, userId: string, zone: string, range: DayRange) {
  const from = sql`(${range.start}::date::timestamp AT TIME ZONE ${zone})`;
  const to = sql`((${range.end}::date + 1)::timestamp AT TIME ZONE ${zone})`;
  const { rows } = await db.execute<MonthDiscoveries>(sql`
    SELECT to_char(m, 'YYYY-MM') AS month, sum(t)::int AS tracks, sum(a)::int AS artists FROM (
      SELECT date_trunc('month', first_played_at AT TIME ZONE ${zone}) AS m, 1 AS t, 0 AS a FROM listening_tracks
       WHERE user_id = ${userId} AND first_played_at >= ${from} AND first_played_at < ${to}
      UNION ALL
      SELECT date_trunc('month', first_played_at AT TIME ZONE ${zone}), 0, 1 FROM listening_artists
       WHERE user_id = ${userId} AND first_played_at >= ${from} AND first_played_at < ${to}
    ) u GROUP BY m ORDER BY m`);
  return rows;
}

/**
 * Everything /stats shows for one range. `now` is the instant that decides "today" in the person's
 * zone (the benchmark and tests fix it).
 */
export async function readStats(
  db: Queryable,
  userId: string,
  query: RangeQuery,
  now = Date.now(),
): Promise<StatsData> {
  const [zone, first, catchingUp] = await Promise.all([
    readZone(db, userId),
    firstDay(db, userId),
    statsCatchingUp(db, userId),
  ]);
  const today = localToday(zone.timeZone, now);
  const range = resolveRange(query, today, first);
  const previous = range.previous;
  const whole = range.kind === "all";
  // Independent statements, each on its own pooled connection: on PostgreSQL they run side by side.
  const [days, hourOfWeek, trackTop, artistTop, albumTop, previousTotals, streaks, discoveries] =
    await Promise.all([
      readDays(db, userId, range),
      readHourOfWeek(db, userId, range, whole),
      readTop(db, userId, "track", whole ? "all" : range),
      readTop(db, userId, "artist", whole ? "all" : range),
      readTop(db, userId, "album", whole ? "all" : range),
      previous ? readPreviousTotals(db, userId, previous) : null,
      readStreaks(db, userId, range, today),
      readDiscoveries(db, userId, zone.timeZone, range),
    ]);
  const toItems = (ranked: Ranked[] | null): TopItem[] =>
    (ranked ?? []).map((item) => ({
      id: item.id,
      name: item.name ?? item.id,
      subtitle: item.subtitle,
      image: item.image,
      plays: item.plays,
      ms: item.ms,
      firstPlayedAt: item.first_played_at ?? "",
    }));
  const toLists = (top: TopsRow): TopLists => ({
    byPlays: toItems(top.by_plays),
    byMinutes: toItems(top.by_ms),
  });
  const totals: Totals = {
    ms: days.reduce((sum, day) => sum + day.ms, 0),
    plays: days.reduce((sum, day) => sum + day.plays, 0),
    tracks: trackTop.count,
    artists: artistTop.count,
    albums: albumTop.count,
  };
  return {
    range,
    ...zone,
    catchingUp,
    totals,
    previousTotals,
    tops: {
      tracks: toLists(trackTop),
      artists: toLists(artistTop),
      albums: toLists(albumTop),
    },
    days,
    hourOfWeek,
    streaks,
    discoveries,
  };
}
