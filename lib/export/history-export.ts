// "Download my history": every play of a person, oldest first, in the shape of Spotify's Extended
// Streaming History (so that Earshot's own import, or any tool that reads Spotify's export, reads it
// back), or as CSV. Streamed: pages of plays are read by keyset (played_at, the unique index) only
// as fast as the download takes them, so memory stays flat however long the history.
import "server-only";
import { sql } from "drizzle-orm";
import type { Queryable } from "@/lib/db/connection";

export type ExportFormat = "json" | "csv";

/** Plays per page read from the store (the page is cut first, by the index, then joined). */
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

async function page(db: Queryable, userId: string, after: Date | null): Promise<ExportRow[]> {
  const result = await db.execute<ExportRow>(sql`
    SELECT p.played_at, coalesce(p.ms_played, t.duration_ms) AS ms_played, t.title, t.id AS track_id,
           a.name AS artist, al.name AS album, p.source
      FROM (SELECT played_at, ms_played, track_id, source FROM plays
             WHERE user_id = ${userId} ${after ? sql`AND played_at > ${after}` : sql``}
             ORDER BY played_at LIMIT ${PAGE}) p
      JOIN tracks t ON t.id = p.track_id
      LEFT JOIN track_artists ta ON ta.track_id = t.id AND ta.position = 0
      LEFT JOIN artists a ON a.id = ta.artist_id
      LEFT JOIN albums al ON al.id = t.album_id
     ORDER BY p.played_at`);
  return result.rows;
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
  yield format === "json" ? "[" : `${CSV_HEADER}\n`;
  for (;;) {
    const rows = await page(db, user.userId, after);
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
