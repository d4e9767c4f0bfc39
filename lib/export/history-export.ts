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

/** `ts`: the instant as Spotify writes it (ISO, UTC, milliseconds), formatted by the database. */
type PlayRow = { ts: string; ms_played: number | null; track_id: string; source: string };
type TrackNames = { title: string; artist: string | null; album: string | null; duration_ms: number };
/** A track's names, and the parts of a row they make, written once per track per export. */
type KnownTrack = TrackNames & { json: string; csv: string };

/**
 * One page of plays, straight from the (user_id, played_at) index: no joins per page. The database
 * formats the instant (on its own core; parsing it into a Date and formatting it back cost the
 * export a third of its time), and the keyset cursor is that same text, read back as the instant.
 */
async function page(db: Queryable, userId: string, after: string | null): Promise<PlayRow[]> {
  const result = await db.execute<PlayRow>(sql`
    SELECT to_char(played_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS ts, ms_played, track_id, source
      FROM plays
     WHERE user_id = ${userId} ${after ? sql`AND played_at > ${after}::timestamptz` : sql``}
     ORDER BY played_at LIMIT ${PAGE}`);
  return result.rows;
}

/** Earshot's key is the Spotify URI for Spotify's tracks (and local files); synthetic ones are not. */
const uriOf = (trackId: string) =>
  trackId.startsWith("spotify:track:") || trackId.startsWith("spotify:local:") ? trackId : null;

export const CSV_HEADER = "ts,ms_played,track_name,artist_name,album_name,spotify_track_uri,source";

const csvField = (value: string | number | null) => {
  if (value === null) return "";
  const text = String(value);
  // Quote what needs it, and defuse spreadsheet formulas (=, +, -, @ at the start of a name).
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) || safe !== text ? `"${safe.replace(/"/g, '""')}"` : safe;
};

function knownTrack(id: string, names: TrackNames): KnownTrack {
  const uri = uriOf(id);
  return {
    ...names,
    json:
      `"master_metadata_track_name":${JSON.stringify(names.title)},` +
      `"master_metadata_album_artist_name":${JSON.stringify(names.artist)},` +
      `"master_metadata_album_album_name":${JSON.stringify(names.album)},` +
      `"spotify_track_uri":${JSON.stringify(uri)},`,
    csv: [names.title, names.artist, names.album, uri].map(csvField).join(","),
  };
}

/**
 * The names of the tracks a page points at, read once per track per export: memory grows with the
 * person's catalog (distinct tracks), never with the number of plays.
 */
async function namesOf(db: Queryable, ids: string[], known: Map<string, KnownTrack>): Promise<void> {
  const missing = [...new Set(ids)].filter((id) => !known.has(id));
  if (missing.length === 0) return;
  const result = await db.execute<TrackNames & { id: string }>(sql`
    SELECT t.id, t.title, a.name AS artist, al.name AS album, t.duration_ms
      FROM tracks t
      LEFT JOIN track_artists ta ON ta.track_id = t.id AND ta.position = 0
      LEFT JOIN artists a ON a.id = ta.artist_id
      LEFT JOIN albums al ON al.id = t.album_id
     WHERE t.id IN (SELECT json_array_elements_text(${JSON.stringify(missing)}::json))`);
  for (const row of result.rows) known.set(row.id, knownTrack(row.id, row));
}

async function pageWithNames(
  db: Queryable,
  userId: string,
  after: string | null,
  known: Map<string, KnownTrack>,
): Promise<PlayRow[]> {
  const plays = await page(db, userId, after);
  await namesOf(
    db,
    plays.map((play) => play.track_id),
    known,
  );
  return plays;
}

/**
 * One play in the Extended export's shape: the fields Earshot knows, the rest null. Written as text
 * from fixed parts (the same keys, in the same order, as Spotify's rows): the track's part once per
 * track, and JSON.stringify only for the names, which need escaping.
 */
function extendedRow(play: PlayRow, track: KnownTrack, usernameJson: string): string {
  // Recorded plays know no ms_played: the track's duration stands for it.
  const ms = play.ms_played ?? track.duration_ms ?? 0;
  return (
    `{"ts":"${play.ts}","username":${usernameJson},"platform":null,"ms_played":${ms},` +
    `"conn_country":null,"ip_addr":null,${track.json}"episode_name":null,"episode_show_name":null,` +
    `"spotify_episode_uri":null,"audiobook_title":null,"audiobook_uri":null,"audiobook_chapter_uri":null,` +
    `"audiobook_chapter_title":null,"reason_start":null,"reason_end":null,"shuffle":null,"skipped":null,` +
    `"offline":null,"offline_timestamp":null,"incognito_mode":null}`
  );
}

function csvRow(play: PlayRow, track: KnownTrack): string {
  return `${play.ts},${play.ms_played ?? track.duration_ms ?? 0},${track.csv},${csvField(play.source)}`;
}

/** A play whose track row is missing (it cannot be: plays reference tracks) still gets a row. */
const unknownTrack = (id: string) => knownTrack(id, { title: "", artist: null, album: null, duration_ms: 0 });

/**
 * The export as text pieces, one page of plays per piece. The next page is read while this one is
 * written out (at most two pages held), so the database and the formatting work side by side.
 */
export async function* exportHistory(
  db: Queryable,
  user: { userId: string; spotifyId: string },
  format: ExportFormat,
): AsyncGenerator<string> {
  let first = true;
  const known = new Map<string, KnownTrack>();
  const usernameJson = JSON.stringify(user.spotifyId);
  yield format === "json" ? "[" : `${CSV_HEADER}\n`;
  let next = pageWithNames(db, user.userId, null, known);
  for (;;) {
    const rows = await next;
    if (rows.length === 0) break;
    const more = rows.length === PAGE;
    if (more) {
      next = pageWithNames(db, user.userId, rows[rows.length - 1]!.ts, known);
      // Awaited at the top of the loop; a reader that stops early leaves it to fail unheard.
      next.catch(() => undefined);
    }
    let piece = "";
    for (const play of rows) {
      const track = known.get(play.track_id) ?? unknownTrack(play.track_id);
      if (format === "json") {
        piece += `${first ? "\n" : ",\n"}${extendedRow(play, track, usernameJson)}`;
        first = false;
      } else {
        piece += `${csvRow(play, track)}\n`;
      }
    }
    yield piece;
    if (!more) break;
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
