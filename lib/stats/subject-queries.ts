// An artist's or a track's page: all-time plays and time, first and last play, share of all
// listening, a monthly timeline (local months), and top tracks; read from the rollups, in SQL.
import "server-only";
import { type SQL, sql } from "drizzle-orm";
import type { Queryable } from "@/lib/db/connection";
import { readZone } from "./stats-queries";
import type { MonthFigure, SubjectStats, TopItem } from "./types";

const iso = (column: string) =>
  sql.raw(`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

type Head = {
  name: string;
  subtitle: string | null;
  image: string | null;
  url: string | null;
  plays: number | null;
  ms: number | null;
  first_played_at: string | null;
  last_played_at: string | null;
  all_plays: number;
  all_ms: number;
  artists: { id: string; name: string }[] | null;
};

/** The tracks the page is about: the artist's (any credit) or the one track. */
const subjectTracks = (kind: "artist" | "track", id: string): SQL =>
  kind === "artist"
    ? sql`SELECT track_id FROM track_artists WHERE artist_id = ${id}`
    : sql`SELECT ${id}::text`;

async function readTopTracks(db: Queryable, userId: string, artistId: string): Promise<TopItem[]> {
  const { rows } = await db.execute<TopItem>(sql`
    SELECT t.id, t.title AS name,
           (SELECT string_agg(a.name, ', ' ORDER BY x.position) FROM track_artists x JOIN artists a ON a.id = x.artist_id
             WHERE x.track_id = t.id) AS subtitle,
           coalesce(al.image_medium, al.image_small, al.image_large) AS image,
           lt.plays, lt.ms::float8 AS ms, ${iso("lt.first_played_at")} AS "firstPlayedAt"
      FROM track_artists ta
      JOIN listening_tracks lt ON lt.user_id = ${userId} AND lt.track_id = ta.track_id
      JOIN tracks t ON t.id = ta.track_id LEFT JOIN albums al ON al.id = t.album_id
     WHERE ta.artist_id = ${artistId}
     ORDER BY lt.plays DESC, lt.ms DESC, t.id LIMIT 20`);
  return rows;
}

/** The page's figures, or null when the person never played it (or it does not exist). */
export async function readSubjectStats(
  db: Queryable,
  userId: string,
  kind: "artist" | "track",
  id: string,
): Promise<SubjectStats | null> {
  const zone = await readZone(db, userId);
  const head =
    kind === "artist"
      ? sql`SELECT a.name, NULL AS subtitle, a.url,
               (SELECT coalesce(al.image_medium, al.image_small, al.image_large) FROM track_artists ta
                  JOIN listening_tracks lt ON lt.user_id = ${userId} AND lt.track_id = ta.track_id
                  JOIN tracks t ON t.id = ta.track_id JOIN albums al ON al.id = t.album_id
                 WHERE ta.artist_id = a.id ORDER BY lt.plays DESC, t.id LIMIT 1) AS image,
               NULL::json AS artists
          FROM artists a WHERE a.id = ${id}`
      : sql`SELECT t.title AS name, al.name AS subtitle, t.url,
               coalesce(al.image_large, al.image_medium, al.image_small) AS image,
               (SELECT json_agg(json_build_object('id', a.id, 'name', a.name) ORDER BY ta.position)
                  FROM track_artists ta JOIN artists a ON a.id = ta.artist_id WHERE ta.track_id = t.id) AS artists
          FROM tracks t LEFT JOIN albums al ON al.id = t.album_id WHERE t.id = ${id}`;
  const { rows } = await db.execute<Head>(sql`
    WITH subject AS (${head}),
    mine AS (SELECT lt.plays, lt.ms, lt.first_played_at, lt.last_played_at FROM listening_tracks lt
              WHERE lt.user_id = ${userId} AND lt.track_id IN (${subjectTracks(kind, id)})),
    everything AS (SELECT coalesce(sum(plays), 0)::float8 AS plays, coalesce(sum(ms), 0)::float8 AS ms
                     FROM listening_tracks WHERE user_id = ${userId})
    SELECT subject.*, (SELECT sum(plays)::int FROM mine) AS plays, (SELECT sum(ms)::float8 FROM mine) AS ms,
           (SELECT ${iso("min(first_played_at)")} FROM mine) AS first_played_at,
           (SELECT ${iso("max(last_played_at)")} FROM mine) AS last_played_at,
           everything.plays AS all_plays, everything.ms AS all_ms
      FROM subject, everything`);
  const row = rows[0];
  if (!row || !row.plays) return null;
  const [timeline, topTracks] = await Promise.all([
    db.execute<MonthFigure>(sql`
      SELECT to_char(date_trunc('month', day), 'YYYY-MM') AS month, sum(plays)::int AS plays, sum(ms)::float8 AS ms
        FROM listening_day_tracks WHERE user_id = ${userId} AND track_id IN (${subjectTracks(kind, id)})
       GROUP BY 1 ORDER BY 1`),
    kind === "artist"
      ? readTopTracks(db, userId, id)
      : row.artists?.[0]
        ? readTopTracks(db, userId, row.artists[0].id)
        : Promise.resolve([]),
  ]);
  return {
    kind,
    id,
    name: row.name,
    subtitle: row.subtitle,
    image: row.image,
    url: row.url,
    plays: row.plays,
    ms: row.ms ?? 0,
    firstPlayedAt: row.first_played_at,
    lastPlayedAt: row.last_played_at,
    shareOfMs: row.all_ms > 0 ? (row.ms ?? 0) / row.all_ms : 0,
    shareOfPlays: row.all_plays > 0 ? row.plays / row.all_plays : 0,
    timeline: timeline.rows,
    topTracks: topTracks,
    artists: row.artists ?? [],
    timeZone: zone.timeZone,
  };
}
