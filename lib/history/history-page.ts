// Reading one person's stored plays, newest first, a page at a time: keyset pagination on
// (`played_at`, id), never OFFSET, so a page deep in 2019 costs what the first one does. Search and
// the artist and album filters first find the matching tracks (a trigram index on each track's folded
// title, artists and album), then read those tracks' plays; the date range and source filter plays.
// Every query starts from the person's id: nobody else's rows can come back.
import "server-only";
import { type SQL, sql } from "drizzle-orm";
import type { Queryable } from "@/lib/db/connection";
import type { CoverageGap, PlaySource, StoredPlay } from "@/lib/listening";
import type { HistoryPosition } from "./history-cursor";

export type HistoryFilters = {
  /** Words that must all appear in the title, the artists or the album (any case, any accents). */
  q?: string;
  /** Plays at or after this instant. */
  from?: Date;
  /** Plays before this instant. */
  to?: Date;
  artist?: string;
  album?: string;
  source?: PlaySource;
};

export type HistoryRead = {
  plays: StoredPlay[];
  /** Where the next (older) page starts; null at the end. */
  next: HistoryPosition | null;
  gaps: CoverageGap[];
};

/** At most this many words count in a search; more only slow it down. */
export const MAX_SEARCH_TERMS = 8;

/** Splits a search into words; LIKE's wildcards in them are matched literally. */
export function searchTerms(q: string | undefined): string[] {
  if (!q) return [];
  return q
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, MAX_SEARCH_TERMS)
    .map((term) => term.replace(/[\\%_]/g, (c) => `\\${c}`));
}

/** True when gaps mean something for this view: they are about all plays, not a subset of tracks. */
export function showsGaps(filters: HistoryFilters): boolean {
  return searchTerms(filters.q).length === 0 && !filters.artist && !filters.album && !filters.source;
}

type Row = {
  id: string;
  played_at: string;
  source: PlaySource;
  ms_played: number | null;
  context_type: string | null;
  context_uri: string | null;
  track_key: string;
  title: string;
  duration_ms: number;
  explicit: boolean;
  is_local: boolean;
  track_url: string | null;
  album_key: string | null;
  album_name: string | null;
  album_url: string | null;
  image_small: string | null;
  image_medium: string | null;
  image_large: string | null;
  artists: { id: string; name: string; url: string | null }[] | null;
};

/** The conditions on `p` (plays) that a view's filters and cursor make. */
function conditions(userId: string, filters: HistoryFilters, after: HistoryPosition | null): SQL[] {
  const where: SQL[] = [sql`p.user_id = ${userId}`];
  if (after) {
    // Index-friendly form of (played_at, id) < (t, i): a range on played_at, then the tie.
    where.push(
      sql`p.played_at <= ${after.playedAt}::timestamptz`,
      sql`(p.played_at < ${after.playedAt}::timestamptz OR p.id < ${after.id}::bigint)`,
    );
  }
  if (filters.from) where.push(sql`p.played_at >= ${filters.from.toISOString()}::timestamptz`);
  if (filters.to) where.push(sql`p.played_at < ${filters.to.toISOString()}::timestamptz`);
  if (filters.source) where.push(sql`p.source = ${filters.source}`);
  const trackConditions: SQL[] = searchTerms(filters.q).map(
    (term) => sql`t.search_text LIKE '%' || earshot_fold(${term}) || '%'`,
  );
  if (filters.album) trackConditions.push(sql`t.album_id = ${filters.album}`);
  if (filters.artist) {
    trackConditions.push(
      sql`EXISTS (SELECT 1 FROM track_artists ta WHERE ta.track_id = t.id AND ta.artist_id = ${filters.artist})`,
    );
  }
  if (trackConditions.length > 0) {
    where.push(sql`p.track_id IN (SELECT t.id FROM tracks t WHERE ${sql.join(trackConditions, sql` AND `)})`);
  }
  return where;
}

/** The page's SQL (exported for the benchmark's EXPLAIN). */
export function historyPageQuery(
  userId: string,
  options: { filters: HistoryFilters; after: HistoryPosition | null; limit: number },
): SQL {
  const { filters, after, limit } = options;
  const where = sql.join(conditions(userId, filters, after), sql` AND `);
  // The page is chosen from plays alone (one more row than asked says whether there is a next page);
  // only then are its catalog rows joined, so their cost does not grow with the history.
  return sql`
    WITH page AS (
      SELECT p.id, p.played_at, p.source, p.ms_played, p.context_type, p.context_uri, p.track_id
        FROM plays p
       WHERE ${where}
       ORDER BY p.played_at DESC, p.id DESC
       LIMIT ${limit + 1}
    )
    SELECT page.id::text AS id,
           to_char(page.played_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS played_at,
           page.source, page.ms_played, page.context_type, page.context_uri,
           t.id AS track_key, t.title, t.duration_ms, t.explicit, t.is_local, t.url AS track_url,
           al.id AS album_key, al.name AS album_name, al.url AS album_url,
           al.image_small, al.image_medium, al.image_large,
           (SELECT json_agg(json_build_object('id', a.id, 'name', a.name, 'url', a.url) ORDER BY ta.position)
              FROM track_artists ta JOIN artists a ON a.id = ta.artist_id
             WHERE ta.track_id = t.id) AS artists
      FROM page
      JOIN tracks t ON t.id = page.track_id
      LEFT JOIN albums al ON al.id = t.album_id
     ORDER BY page.played_at DESC, page.id DESC`;
}

export async function readHistory(
  db: Queryable,
  userId: string,
  options: { filters: HistoryFilters; after: HistoryPosition | null; limit: number },
): Promise<HistoryRead> {
  const { filters, after, limit } = options;
  const result = await db.execute<Row>(historyPageQuery(userId, options));
  const rows = result.rows;
  const hasMore = rows.length > limit;
  const pageRows = hasMore ? rows.slice(0, limit) : rows;
  const last = pageRows.at(-1);
  const next = hasMore && last ? { playedAt: last.played_at, id: last.id } : null;
  const gaps = showsGaps(filters) ? await gapsWithin(db, userId, filters, after, next) : [];
  return { plays: pageRows.map(toStoredPlay), next, gaps };
}

/**
 * The gaps to draw within this page: a gap sits just above the newest play before it (`from`), so
 * it belongs to the page holding that instant. Pages split the timeline without overlap, so each
 * gap comes once.
 */
async function gapsWithin(
  db: Queryable,
  userId: string,
  filters: HistoryFilters,
  after: HistoryPosition | null,
  next: HistoryPosition | null,
): Promise<CoverageGap[]> {
  const where: SQL[] = [sql`user_id = ${userId}`];
  if (after) where.push(sql`from_at < ${after.playedAt}::timestamptz`);
  if (next) where.push(sql`from_at >= ${next.playedAt}::timestamptz`);
  if (filters.to) where.push(sql`from_at < ${filters.to.toISOString()}::timestamptz`);
  if (filters.from) where.push(sql`to_at > ${filters.from.toISOString()}::timestamptz`);
  const result = await db.execute<{ from_at: string; to_at: string }>(sql`
    SELECT to_char(from_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS from_at,
           to_char(to_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS to_at
      FROM coverage_gaps
     WHERE ${sql.join(where, sql` AND `)}
     ORDER BY from_at DESC`);
  return result.rows.map((row) => ({ from: row.from_at, to: row.to_at }));
}

/** `spotify:track:abc` → `abc`; other keys (local files) have no Spotify id. */
function spotifyId(key: string | null, kind: string): string | null {
  const prefix = `spotify:${kind}:`;
  return key?.startsWith(prefix) ? key.slice(prefix.length) : null;
}

function toStoredPlay(row: Row): StoredPlay {
  const artists = row.artists ?? [];
  return {
    id: row.id,
    // ISO 8601 in ms, as Spotify writes it; the cursor keeps the exact instant.
    playedAt: new Date(row.played_at).toISOString(),
    source: row.source,
    msPlayed: row.ms_played,
    artistKeys: artists.map((artist) => artist.id),
    albumKey: row.album_key,
    context:
      row.context_type && row.context_uri
        ? { type: row.context_type, uri: row.context_uri, url: null }
        : null,
    track: {
      kind: "track",
      id: spotifyId(row.track_key, "track"),
      title: row.title,
      artists: artists.map((artist) => ({ name: artist.name, url: artist.url })),
      album: row.album_name !== null ? { name: row.album_name, url: row.album_url } : null,
      images: { small: row.image_small, medium: row.image_medium, large: row.image_large },
      durationMs: row.duration_ms,
      url: row.track_url,
      explicit: row.explicit,
      isLocal: row.is_local,
    },
  };
}
