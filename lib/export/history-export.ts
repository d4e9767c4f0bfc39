// "Download my history": every play of a person, oldest first, in the shape of Spotify's Extended
// Streaming History (so that Earshot's own import, or any tool that reads Spotify's export, reads it
// back), or as CSV. Streamed: pages of plays are read by keyset (played_at, the unique index) only
// as fast as the download takes them, so memory stays flat however long the history (it holds one
// page, and the names of the tracks met so far).
import "server-only";
import { sql } from "drizzle-orm";
import type { Queryable } from "@/lib/db/connection";

export type ExportFormat = "json" | "csv";

/** Plays per page read from the store. */
const PAGE = 5_000;

type ExportRow = {
  played_at: Date | string;
  ms_played: number | null;
  title: string;
  track_id: string;
  artist: string | null;
  album: string | null;
  source: string;
};

type PlayRow = { played_at: Date | string; ms_played: number | null; track_id: string; source: string };
type TrackNames = { title: string; artist: string | null; album: string | null; duration_ms: number };

/** One page of plays, straight from the (user_id, played_at) index: no joins per page. */
async function page(db: Queryable, userId: string, after: Date | null): Promise<PlayRow[]> {
  const result = await db.execute<PlayRow>(sql`
    SELECT played_at, ms_played, track_id, source FROM plays
     WHERE user_id = ${userId} ${after ? sql`AND played_at > ${after}` : sql``}
     ORDER BY played_at LIMIT ${PAGE}`);
  return result.rows;
}

/**
 * The names of the tracks a page points at, read once per track per export: memory grows with the
 * person's catalog (distinct tracks), never with the number of plays.
 */
async function namesOf(db: Queryable, ids: string[], known: Map<string, TrackNames>): Promise<void> {
  const missing = [...new Set(ids)].filter((id) => !known.has(id));
  if (missing.length === 0) return;
  const result = await db.execute<TrackNames & { id: string }>(sql`
    SELECT t.id, t.title, a.name AS artist, al.name AS album, t.duration_ms
      FROM tracks t
      LEFT JOIN track_artists ta ON ta.track_id = t.id AND ta.position = 0
      LEFT JOIN artists a ON a.id = ta.artist_id
      LEFT JOIN albums al ON al.id = t.album_id
     WHERE t.id IN (SELECT json_array_elements_text(${JSON.stringify(missing)}::json))`);
  for (const row of result.rows) known.set(row.id, row);
}

async function pageWithNames(
  db: Queryable,
  userId: string,
  after: Date | null,
  known: Map<string, TrackNames>,
): Promise<ExportRow[]> {
  const plays = await page(db, userId, after);
  await namesOf(
    db,
    plays.map((play) => play.track_id),
    known,
  );
  return plays.map((play) => {
    const names = known.get(play.track_id);
    return {
      played_at: play.played_at,
      // Recorded plays know no ms_played: the track's duration stands for it.
      ms_played: play.ms_played ?? names?.duration_ms ?? null,
      title: names?.title ?? "",
      track_id: play.track_id,
      artist: names?.artist ?? null,
      album: names?.album ?? null,
      source: play.source,
    };
  });
}

/** Earshot's key is the Spotify URI for Spotify's tracks (and local files); synthetic ones are not. */
const uriOf = (trackId: string) =>
  trackId.startsWith("spotify:track:") || trackId.startsWith("spotify:local:") ? trackId : null;

/** One play in the Extended export's shape: the fields Earshot knows, the rest null. */
function extendedRow(row: ExportRow, username: string) {
  return {
    ts: new Date(row.played_at).toISOString(),
    username,
    platform: null,
    ms_played: row.ms_played ?? 0,
    conn_country: null,
    ip_addr: null,
    master_metadata_track_name: row.title,
    master_metadata_album_artist_name: row.artist,
    master_metadata_album_album_name: row.album,
    spotify_track_uri: uriOf(row.track_id),
    episode_name: null,
    episode_show_name: null,
    spotify_episode_uri: null,
    audiobook_title: null,
    audiobook_uri: null,
    audiobook_chapter_uri: null,
    audiobook_chapter_title: null,
    reason_start: null,
    reason_end: null,
    shuffle: null,
    skipped: null,
    offline: null,
    offline_timestamp: null,
    incognito_mode: null,
  };
}

export const CSV_HEADER = "ts,ms_played,track_name,artist_name,album_name,spotify_track_uri,source";

const csvField = (value: string | number | null) => {
  if (value === null) return "";
  const text = String(value);
  // Quote what needs it, and defuse spreadsheet formulas (=, +, -, @ at the start of a name).
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) || safe !== text ? `"${safe.replace(/"/g, '""')}"` : safe;
};

function csvRow(row: ExportRow): string {
  return [
    new Date(row.played_at).toISOString(),
    row.ms_played ?? 0,
    row.title,
    row.artist,
    row.album,
    uriOf(row.track_id),
    row.source,
  ]
    .map(csvField)
    .join(",");
}

/** The export as text pieces, one page of plays per piece. */
export async function* exportHistory(
  db: Queryable,
  user: { userId: string; spotifyId: string },
  format: ExportFormat,
): AsyncGenerator<string> {
  let after: Date | null = null;
  let first = true;
  const known = new Map<string, TrackNames>();
  yield format === "json" ? "[" : `${CSV_HEADER}\n`;
  for (;;) {
    const rows = await pageWithNames(db, user.userId, after, known);
    if (rows.length === 0) break;
    let piece = "";
    for (const row of rows) {
      if (format === "json") {
        piece += `${first ? "\n" : ",\n"}${JSON.stringify(extendedRow(row, user.spotifyId))}`;
        first = false;
      } else {
        piece += `${csvRow(row)}\n`;
      }
    }
    yield piece;
    if (rows.length < PAGE) break;
    after = new Date(rows[rows.length - 1]!.played_at);
  }
  if (format === "json") yield first ? "]\n" : "\n]\n";
}

/** The export as a byte stream that reads the next page only when the reader asks (backpressure). */
export function exportStream(
  db: Queryable,
  user: { userId: string; spotifyId: string },
  format: ExportFormat,
): ReadableStream<Uint8Array> {
  const pieces = exportHistory(db, user, format);
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const next = await pieces.next();
          if (next.done) controller.close();
          else controller.enqueue(encoder.encode(next.value));
        } catch (error) {
          console.error(`[export] stopped: ${(error as Error).message}`);
          controller.error(error);
        }
      },
      async cancel() {
        await pieces.return(undefined);
      },
    },
    { highWaterMark: 0 },
  );
}
