// Reading /stats from the rollups (migration 0003_stats_rollups): every figure is aggregated in SQL
// from `listening_days` (totals, calendar, streaks), `listening_hours` (hour of week),
// `listening_day_tracks` (a range's
// tops and distinct counts) or `listening_tracks` (all time, first plays, discoveries); nothing loads
// plays into JavaScript. Every query starts from the person's id: nobody else's rows can come back.
import "server-only";
import { type SQL, sql } from "drizzle-orm";
import type { Queryable } from "@/lib/db/connection";
import { type DayRange, localToday, type RangeQuery, resolveRange, type StatsRange } from "./ranges";
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

async function readHourOfWeek(db: Queryable, userId: string, range: DayRange): Promise<number[][]> {
  const { rows } = await db.execute<{ dow: number; h: number; ms: number }>(sql`
    SELECT date_part('isodow', hour)::int - 1 AS dow, date_part('hour', hour)::int AS h, sum(ms)::float8 AS ms
      FROM listening_hours WHERE user_id = ${userId} AND ${hoursIn(range)}
     GROUP BY 1, 2`);
  const grid = Array.from({ length: 7 }, () => Array.from({ length: 24 }, () => 0));
  for (const row of rows) grid[row.dow]![row.h] = row.ms;
  return grid;
}

/** Plays and time of `range` (the previous period's totals). */
async function readPlainTotals(db: Queryable, userId: string, range: DayRange) {
  const { rows } = await db.execute<{ plays: number; ms: number }>(sql`
    SELECT coalesce(sum(plays), 0)::int AS plays, coalesce(sum(ms), 0)::float8 AS ms
      FROM listening_days WHERE user_id = ${userId} AND ${daysIn(range)}`);
  return rows[0] ?? { plays: 0, ms: 0 };
}

/** The tracks of a range with their plays and time: from day rollups, or all-time ones. */
function rangeTracks(userId: string, range: DayRange | "all"): SQL {
  if (range === "all") {
    return sql`SELECT track_id, plays, ms::float8 AS ms FROM listening_tracks WHERE user_id = ${userId}`;
  }
  return sql`
    SELECT track_id, sum(plays)::int AS plays, sum(ms)::float8 AS ms FROM listening_day_tracks
     WHERE user_id = ${userId} AND day BETWEEN ${range.start}::date AND ${range.end}::date
     GROUP BY track_id`;
}

type Ranked = { id: string; plays: number; ms: number };
type TopsRow = {
  tracks: number;
  artists: number;
  albums: number;
  tracks_by_plays: Ranked[] | null;
  tracks_by_ms: Ranked[] | null;
  artists_by_plays: Ranked[] | null;
  artists_by_ms: Ranked[] | null;
  albums_by_plays: Ranked[] | null;
  albums_by_ms: Ranked[] | null;
};

/**
 * Distinct tracks, artists (every credited artist of a track) and albums of a range, and the top
 * ids of each by plays and by time, in one statement over one pass of the range's rollups.
 */
async function readTops(db: Queryable, userId: string, range: DayRange | "all", withLists: boolean) {
  const top = (from: string, order: "plays" | "ms") =>
    withLists
      ? sql.raw(`(SELECT json_agg(x) FROM (SELECT id, plays, ms FROM ${from}
           ORDER BY ${order === "plays" ? "plays DESC, ms DESC" : "ms DESC, plays DESC"}, id LIMIT ${TOP_SIZE}) x)`)
      : sql`NULL`;
  const { rows } = await db.execute<TopsRow>(sql`
    WITH r AS MATERIALIZED (${rangeTracks(userId, range)}),
    tr AS (SELECT track_id AS id, plays, ms FROM r),
    ar AS MATERIALIZED (SELECT ta.artist_id AS id, sum(r.plays)::int AS plays, sum(r.ms)::float8 AS ms
           FROM r JOIN track_artists ta ON ta.track_id = r.track_id GROUP BY ta.artist_id),
    al AS MATERIALIZED (SELECT t.album_id AS id, sum(r.plays)::int AS plays, sum(r.ms)::float8 AS ms
           FROM r JOIN tracks t ON t.id = r.track_id WHERE t.album_id IS NOT NULL GROUP BY t.album_id)
    SELECT (SELECT count(*) FROM r)::int AS tracks, (SELECT count(*) FROM ar)::int AS artists,
           (SELECT count(*) FROM al)::int AS albums,
           ${top("tr", "plays")} AS tracks_by_plays, ${top("tr", "ms")} AS tracks_by_ms,
           ${top("ar", "plays")} AS artists_by_plays, ${top("ar", "ms")} AS artists_by_ms,
           ${top("al", "plays")} AS albums_by_plays, ${top("al", "ms")} AS albums_by_ms`);
  return rows[0]!;
}

type Detail = {
  id: string;
  name: string;
  subtitle: string | null;
  image: string | null;
  first_played_at: string;
};

const iso = (column: string) =>
  sql.raw(`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);
const idList = (ids: string[]) =>
  sql`(${sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  )})`;

/** Names, covers and first plays of the tracks, artists and albums that made a top list. */
async function readDetails(
  db: Queryable,
  userId: string,
  ids: { tracks: string[]; artists: string[]; albums: string[] },
) {
  const parts: SQL[] = [];
  if (ids.tracks.length > 0) {
    parts.push(sql`
      SELECT 'track' AS kind, t.id, t.title AS name,
             (SELECT string_agg(a.name, ', ' ORDER BY ta.position) FROM track_artists ta JOIN artists a ON a.id = ta.artist_id
               WHERE ta.track_id = t.id) AS subtitle,
             coalesce(al.image_medium, al.image_small, al.image_large) AS image,
             ${iso("lt.first_played_at")} AS first_played_at
        FROM tracks t LEFT JOIN albums al ON al.id = t.album_id
        JOIN listening_tracks lt ON lt.user_id = ${userId} AND lt.track_id = t.id
       WHERE t.id IN ${idList(ids.tracks)}`);
  }
  if (ids.artists.length > 0) {
    parts.push(sql`
      SELECT 'artist' AS kind, a.id, a.name, NULL AS subtitle,
             (SELECT coalesce(al.image_medium, al.image_small, al.image_large)
                FROM track_artists ta JOIN listening_tracks lt ON lt.user_id = ${userId} AND lt.track_id = ta.track_id
                JOIN tracks t ON t.id = ta.track_id JOIN albums al ON al.id = t.album_id
               WHERE ta.artist_id = a.id ORDER BY lt.plays DESC, t.id LIMIT 1) AS image,
             (SELECT ${iso("min(lt.first_played_at)")} FROM track_artists ta
                JOIN listening_tracks lt ON lt.user_id = ${userId} AND lt.track_id = ta.track_id
               WHERE ta.artist_id = a.id) AS first_played_at
        FROM artists a WHERE a.id IN ${idList(ids.artists)}`);
  }
  if (ids.albums.length > 0) {
    parts.push(sql`
      SELECT 'album' AS kind, al.id, al.name,
             (SELECT string_agg(DISTINCT a.name, ', ') FROM tracks t JOIN track_artists ta ON ta.track_id = t.id AND ta.position = 0
                JOIN artists a ON a.id = ta.artist_id
               WHERE t.album_id = al.id AND EXISTS (SELECT 1 FROM listening_tracks lt WHERE lt.user_id = ${userId} AND lt.track_id = t.id)) AS subtitle,
             coalesce(al.image_medium, al.image_small, al.image_large) AS image,
             (SELECT ${iso("min(lt.first_played_at)")} FROM tracks t
                JOIN listening_tracks lt ON lt.user_id = ${userId} AND lt.track_id = t.id
               WHERE t.album_id = al.id) AS first_played_at
        FROM albums al WHERE al.id IN ${idList(ids.albums)}`);
  }
  if (parts.length === 0) return new Map<string, Detail>();
  const { rows } = await db.execute<Detail & { kind: string }>(sql.join(parts, sql` UNION ALL `));
  return new Map(rows.map((row) => [`${row.kind}|${row.id}`, row]));
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
 * the first play of any of their tracks is in the range and none came before it.
 */
async function readDiscoveries(
  db: Queryable,
  userId: string,
  zone: string,
  range: DayRange,
  /** Nothing was played before the range (all time): no artist needs checking for earlier plays. */
  fromTheStart: boolean,
) {
  const from = sql`(${range.start}::date::timestamp AT TIME ZONE ${zone})`;
  const to = sql`((${range.end}::date + 1)::timestamp AT TIME ZONE ${zone})`;
  const { rows } = await db.execute<MonthDiscoveries>(sql`
    WITH firsts AS MATERIALIZED (
      SELECT track_id, first_played_at FROM listening_tracks
       WHERE user_id = ${userId} AND first_played_at >= ${from} AND first_played_at < ${to})
    SELECT to_char(m, 'YYYY-MM') AS month, sum(t)::int AS tracks, sum(a)::int AS artists FROM (
      SELECT date_trunc('month', first_played_at AT TIME ZONE ${zone}) AS m, 1 AS t, 0 AS a FROM firsts
      UNION ALL
      SELECT date_trunc('month', x.f AT TIME ZONE ${zone}), 0, 1 FROM (
        SELECT ta.artist_id, min(f.first_played_at) AS f FROM firsts f JOIN track_artists ta ON ta.track_id = f.track_id
         GROUP BY ta.artist_id) x
       WHERE ${fromTheStart} OR NOT EXISTS (
         SELECT 1 FROM track_artists ta JOIN listening_tracks lt ON lt.user_id = ${userId} AND lt.track_id = ta.track_id
          WHERE ta.artist_id = x.artist_id AND lt.first_played_at < ${from})
    ) u GROUP BY m ORDER BY m`);
  return rows;
}

const isWhole = (range: StatsRange) => range.kind === "all";

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
  const [zone, first] = await Promise.all([readZone(db, userId), firstDay(db, userId)]);
  const today = localToday(zone.timeZone, now);
  const range = resolveRange(query, today, first);
  const previous = range.previous;
  const [days, hourOfWeek, tops, previousPlain, previousTops, streaks, discoveries] = await Promise.all([
    readDays(db, userId, range),
    readHourOfWeek(db, userId, range),
    readTops(db, userId, isWhole(range) ? "all" : range, true),
    previous ? readPlainTotals(db, userId, previous) : null,
    previous ? readTops(db, userId, previous, false) : null,
    readStreaks(db, userId, range, today),
    readDiscoveries(db, userId, zone.timeZone, range, first === null || range.start <= first),
  ]);
  const lists = {
    tracks: [tops.tracks_by_plays, tops.tracks_by_ms],
    artists: [tops.artists_by_plays, tops.artists_by_ms],
    albums: [tops.albums_by_plays, tops.albums_by_ms],
  } as const;
  const idsOf = (pair: readonly [Ranked[] | null, Ranked[] | null]) => [
    ...new Set([...(pair[0] ?? []), ...(pair[1] ?? [])].map((item) => item.id)),
  ];
  const details = await readDetails(db, userId, {
    tracks: idsOf(lists.tracks),
    artists: idsOf(lists.artists),
    albums: idsOf(lists.albums),
  });
  const toItems = (kind: string, ranked: Ranked[] | null): TopItem[] =>
    (ranked ?? []).map((item) => {
      const detail = details.get(`${kind}|${item.id}`);
      return {
        id: item.id,
        name: detail?.name ?? item.id,
        subtitle: detail?.subtitle ?? null,
        image: detail?.image ?? null,
        plays: item.plays,
        ms: item.ms,
        firstPlayedAt: detail?.first_played_at ?? "",
      };
    });
  const pairToLists = (kind: string, pair: readonly [Ranked[] | null, Ranked[] | null]): TopLists => ({
    byPlays: toItems(kind, pair[0]),
    byMinutes: toItems(kind, pair[1]),
  });
  const totals: Totals = {
    ms: days.reduce((sum, day) => sum + day.ms, 0),
    plays: days.reduce((sum, day) => sum + day.plays, 0),
    tracks: tops.tracks,
    artists: tops.artists,
    albums: tops.albums,
  };
  return {
    range,
    ...zone,
    totals,
    previousTotals:
      previousPlain && previousTops
        ? {
            ...previousPlain,
            tracks: previousTops.tracks,
            artists: previousTops.artists,
            albums: previousTops.albums,
          }
        : null,
    tops: {
      tracks: pairToLists("track", lists.tracks),
      artists: pairToLists("artist", lists.artists),
      albums: pairToLists("album", lists.albums),
    },
    days,
    hourOfWeek,
    streaks,
    discoveries,
  };
}
