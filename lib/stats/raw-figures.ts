// The stats figures computed straight from raw plays, over a person's whole history at once: what
// the rollups must always equal (tests and the benchmark compare them). Same definition as the
// triggers (migrations 0004_stats_rollups and 0005_stats_artist_album_rollups), computed without
// their day windows, and with artists and albums joined from the catalog as it is now.
import "server-only";
import { sql } from "drizzle-orm";
import type { Queryable } from "@/lib/db/connection";

export type RawFigures = {
  hours: { hour: string; plays: number; ms: number }[];
  days: { day: string; plays: number; ms: number }[];
  dayTracks: { day: string; track_id: string; plays: number; ms: number }[];
  tracks: { track_id: string; plays: number; ms: number; first_played_at: string; last_played_at: string }[];
  dayArtists: { day: string; artist_id: string; plays: number; ms: number }[];
  dayAlbums: { day: string; album_id: string; plays: number; ms: number }[];
  artists: { artist_id: string; plays: number; ms: number; first_played_at: string }[];
  albums: { album_id: string; plays: number; ms: number }[];
  weekHours: { dow: number; hour: number; plays: number; ms: number }[];
};

const utc = (column: string) =>
  sql.raw(`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')`);

const pieces = (userId: string) => sql`
  WITH zone AS (SELECT coalesce(time_zone, 'UTC') AS tz FROM users WHERE id = ${userId}),
  heard AS (
    SELECT p.played_at, p.track_id, round(extract(epoch FROM p.played_at) * 1000)::bigint AS end_ms,
           greatest(0, least(86400000::bigint, coalesce(p.ms_played::bigint, least(t.duration_ms::bigint,
             coalesce(round(extract(epoch FROM p.played_at - lag(p.played_at) OVER (ORDER BY p.played_at)) * 1000)::bigint,
                      t.duration_ms::bigint))))) AS ms
      FROM plays p JOIN tracks t ON t.id = p.track_id WHERE p.user_id = ${userId}
  ),
  pieces AS (
    SELECT h.track_id, date_trunc('hour', to_timestamp(q / 1000.0) AT TIME ZONE zone.tz) AS hour, 0 AS plays,
           least(h.end_ms, q + 900000) - greatest(h.end_ms - h.ms, q) AS ms
      FROM heard h, zone, generate_series(((h.end_ms - h.ms) / 900000) * 900000, h.end_ms - 1, 900000::bigint) AS q
     WHERE h.ms > 0
    UNION ALL
    SELECT h.track_id, date_trunc('hour', h.played_at AT TIME ZONE zone.tz), 1, 0 FROM heard h, zone
  )`;

export async function rawFigures(db: Queryable, userId: string): Promise<RawFigures> {
  const hours = await db.execute<RawFigures["hours"][number]>(sql`${pieces(userId)}
    SELECT to_char(hour, 'YYYY-MM-DD HH24:MI') AS hour, sum(plays)::int AS plays, sum(ms)::float8 AS ms
      FROM pieces GROUP BY hour ORDER BY hour`);
  const days = await db.execute<RawFigures["days"][number]>(sql`${pieces(userId)}
    SELECT to_char(hour::date, 'YYYY-MM-DD') AS day, sum(plays)::int AS plays, sum(ms)::float8 AS ms
      FROM pieces GROUP BY 1 ORDER BY 1`);
  const dayTracks = await db.execute<RawFigures["dayTracks"][number]>(sql`${pieces(userId)}
    SELECT to_char(hour::date, 'YYYY-MM-DD') AS day, track_id, sum(plays)::int AS plays, sum(ms)::float8 AS ms
      FROM pieces GROUP BY 1, 2 ORDER BY 1, 2`);
  const tracks = await db.execute<RawFigures["tracks"][number]>(sql`${pieces(userId)}
    SELECT s.track_id, s.plays, s.ms, f.first_played_at, f.last_played_at
      FROM (SELECT track_id, sum(plays)::int AS plays, sum(ms)::float8 AS ms FROM pieces GROUP BY track_id) s
      JOIN (SELECT track_id, ${utc("min(played_at)")} AS first_played_at, ${utc("max(played_at)")} AS last_played_at
              FROM plays WHERE user_id = ${userId} GROUP BY track_id) f ON f.track_id = s.track_id
     ORDER BY s.track_id`);
  const dayArtists = await db.execute<RawFigures["dayArtists"][number]>(sql`${pieces(userId)}
    SELECT to_char(p.hour::date, 'YYYY-MM-DD') AS day, ta.artist_id, sum(p.plays)::int AS plays, sum(p.ms)::float8 AS ms
      FROM pieces p JOIN track_artists ta ON ta.track_id = p.track_id GROUP BY 1, 2 ORDER BY 1, 2`);
  const dayAlbums = await db.execute<RawFigures["dayAlbums"][number]>(sql`${pieces(userId)}
    SELECT to_char(p.hour::date, 'YYYY-MM-DD') AS day, t.album_id, sum(p.plays)::int AS plays, sum(p.ms)::float8 AS ms
      FROM pieces p JOIN tracks t ON t.id = p.track_id WHERE t.album_id IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2`);
  const artists = await db.execute<RawFigures["artists"][number]>(sql`${pieces(userId)}
    SELECT s.artist_id, s.plays, s.ms, f.first_played_at
      FROM (SELECT ta.artist_id, sum(p.plays)::int AS plays, sum(p.ms)::float8 AS ms
              FROM pieces p JOIN track_artists ta ON ta.track_id = p.track_id GROUP BY ta.artist_id) s
      JOIN (SELECT ta.artist_id, ${utc("min(p.played_at)")} AS first_played_at
              FROM plays p JOIN track_artists ta ON ta.track_id = p.track_id
             WHERE p.user_id = ${userId} GROUP BY ta.artist_id) f ON f.artist_id = s.artist_id
     ORDER BY s.artist_id`);
  const albums = await db.execute<RawFigures["albums"][number]>(sql`${pieces(userId)}
    SELECT t.album_id, sum(p.plays)::int AS plays, sum(p.ms)::float8 AS ms
      FROM pieces p JOIN tracks t ON t.id = p.track_id WHERE t.album_id IS NOT NULL GROUP BY 1 ORDER BY 1`);
  const weekHours = await db.execute<RawFigures["weekHours"][number]>(sql`${pieces(userId)}
    SELECT date_part('isodow', hour)::int - 1 AS dow, date_part('hour', hour)::int AS hour,
           sum(plays)::int AS plays, sum(ms)::float8 AS ms
      FROM pieces GROUP BY 1, 2 ORDER BY 1, 2`);
  return {
    hours: hours.rows,
    days: days.rows,
    dayTracks: dayTracks.rows,
    tracks: tracks.rows,
    dayArtists: dayArtists.rows,
    dayAlbums: dayAlbums.rows,
    artists: artists.rows,
    albums: albums.rows,
    weekHours: weekHours.rows,
  };
}

/** What the rollups hold for the person, in the same shape. */
export async function rollupFigures(db: Queryable, userId: string): Promise<RawFigures> {
  const hours = await db.execute<RawFigures["hours"][number]>(sql`
    SELECT to_char(hour, 'YYYY-MM-DD HH24:MI') AS hour, plays, ms::float8 AS ms
      FROM listening_hours WHERE user_id = ${userId} ORDER BY hour`);
  const days = await db.execute<RawFigures["days"][number]>(sql`
    SELECT to_char(day, 'YYYY-MM-DD') AS day, plays, ms::float8 AS ms
      FROM listening_days WHERE user_id = ${userId} ORDER BY day`);
  const dayTracks = await db.execute<RawFigures["dayTracks"][number]>(sql`
    SELECT to_char(day, 'YYYY-MM-DD') AS day, track_id, plays, ms::float8 AS ms
      FROM listening_day_tracks WHERE user_id = ${userId} ORDER BY 1, 2`);
  const tracks = await db.execute<RawFigures["tracks"][number]>(sql`
    SELECT track_id, plays, ms::float8 AS ms, ${utc("first_played_at")} AS first_played_at,
           ${utc("last_played_at")} AS last_played_at
      FROM listening_tracks WHERE user_id = ${userId} ORDER BY track_id`);
  const dayArtists = await db.execute<RawFigures["dayArtists"][number]>(sql`
    SELECT to_char(day, 'YYYY-MM-DD') AS day, artist_id, plays, ms::float8 AS ms
      FROM listening_day_artists WHERE user_id = ${userId} ORDER BY 1, 2`);
  const dayAlbums = await db.execute<RawFigures["dayAlbums"][number]>(sql`
    SELECT to_char(day, 'YYYY-MM-DD') AS day, album_id, plays, ms::float8 AS ms
      FROM listening_day_albums WHERE user_id = ${userId} ORDER BY 1, 2`);
  const artists = await db.execute<RawFigures["artists"][number]>(sql`
    SELECT artist_id, plays, ms::float8 AS ms, ${utc("first_played_at")} AS first_played_at
      FROM listening_artists WHERE user_id = ${userId} ORDER BY artist_id`);
  const albums = await db.execute<RawFigures["albums"][number]>(sql`
    SELECT album_id, plays, ms::float8 AS ms FROM listening_albums WHERE user_id = ${userId} ORDER BY album_id`);
  const weekHours = await db.execute<RawFigures["weekHours"][number]>(sql`
    SELECT dow::int AS dow, hour::int AS hour, plays, ms::float8 AS ms
      FROM listening_week_hours WHERE user_id = ${userId} ORDER BY 1, 2`);
  return {
    hours: hours.rows,
    days: days.rows,
    dayTracks: dayTracks.rows,
    tracks: tracks.rows,
    dayArtists: dayArtists.rows,
    dayAlbums: dayAlbums.rows,
    artists: artists.rows,
    albums: albums.rows,
    weekHours: weekHours.rows,
  };
}
