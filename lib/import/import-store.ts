// Imports in the store: an upload is read and staged in `import_rows` (its names once per track, in
// `import_tracks`; plays untouched), previewed, then run as a job in chunks, each chunk one
// transaction that also moves the job's cursor, so a job that stops anywhere resumes where it was
// (and a chunk run twice adds nothing: the dedupe below and the unique (user, played_at) see to
// it). Cancel and undo remove exactly the plays carrying the import's id. No Spotify call anywhere:
// the export has every name the catalog needs.
//
// Dedupe: a row matches a stored play (recorded or imported) of the same track whose played_at lies
// within [ts − ms_played − 60 s, ts + 60 s]: Spotify's played_at is sometimes the start of a play,
// sometimes its end, sometimes late. A stored play at the very same instant also blocks the row
// (one play per person and instant).
import "server-only";
import { playChanges } from "@/lib/shared/play-changes";
import { and, desc, eq, sql } from "drizzle-orm";
import type { Database, Queryable } from "@/lib/db/connection";
import { maySkipRowTriggers, withoutRowTriggers } from "@/lib/db/row-triggers";
import { coverageGaps, type ImportTallies, importRows, importTracks, imports, plays } from "@/lib/db/schema";
import { ApiError } from "@/lib/errors";
import type { AlbumRow, ArtistRow, TrackRow } from "@/lib/history/catalog-rows";
import { upsertCatalog } from "@/lib/history/store-plays";
import { catalogKeysFor } from "./catalog-keys";
import type { ImportPlay } from "./export-rows";
import { DEFAULT_READ_LIMITS, ImportInputError, readExport } from "./read-export";
import type { ImportView } from "./types";

/** Slack around the dedupe window (see above). */
export const DEDUPE_SLACK_MS = 60_000;
/**
 * Staged plays per job chunk (one transaction each). The embedded database runs one client's
 * transaction at a time, so a chunk must stay short for the dashboard, the recorder and the import
 * page to keep answering while a job runs; larger chunks go faster (2,500: about 1.5 times as long
 * as 10,000 for the same import, measured on both stores; in bench:import a 10,000-play chunk held
 * the embedded database about a second).
 */
export const CHUNK_ROWS = 5_000;
/** A staging upload older than this was cut off (a crash): it is cleared. */
const STALE_STAGING_MS = 60 * 60_000;

type ImportRecord = typeof imports.$inferSelect;

export function toView(row: ImportRecord, accountUsername: string): ImportView {
  const t: ImportTallies = row.tallies ?? {
    rows: 0,
    candidates: 0,
    duplicates: 0,
    skipped: { short: 0, noTrack: 0, podcast: 0, video: 0 },
    rejected: 0,
    rejectReasons: [],
    files: [],
  };
  return {
    id: row.id,
    fileName: row.fileName,
    status: row.status,
    formats: row.formats.filter((f): f is "extended" | "account" => f === "extended" || f === "account"),
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
    rows: t.rows,
    plays: row.total,
    duplicates: t.duplicates,
    present: row.present,
    toAdd: Math.max(0, row.total - row.present),
    skipped: t.skipped,
    rejected: t.rejected,
    rejectReasons: t.rejectReasons,
    files: t.files,
    firstAt: row.firstAt?.toISOString() ?? null,
    lastAt: row.lastAt?.toISOString() ?? null,
    processed: row.processed,
    added: row.added,
    cancelRequested: row.cancelRequested,
    statsPending: row.statsFrom !== null,
    usernameMismatch:
      row.exportUsername && row.exportUsername !== accountUsername
        ? { exportUsername: row.exportUsername, accountUsername }
        : null,
    error: row.error,
  };
}

export type Uploader = { userId: string; spotifyId: string };

/**
 * Reads an upload into a new import and previews it (status `ready`). Nothing but the import's own
 * rows is written; on any error those are removed too.
 */
export async function stageUpload(
  db: Database,
  user: Uploader,
  upload: { fileName: string; body: AsyncIterable<Uint8Array>; maxBytes: number },
): Promise<ImportView> {
  const running = await db
    .select({ id: imports.id })
    .from(imports)
    .where(and(eq(imports.userId, user.userId), eq(imports.status, "running")))
    .limit(1);
  if (running.length > 0) {
    throw new ApiError("conflict", "An import is running: wait for it to finish, or cancel it, first.");
  }
  // A new upload replaces a preview nobody started, and clears uploads cut off by a crash.
  await db
    .delete(imports)
    .where(
      and(
        eq(imports.userId, user.userId),
        sql`(${imports.status} = 'ready' or (${imports.status} = 'staging' and ${imports.createdAt} < ${new Date(Date.now() - STALE_STAGING_MS)}))`,
      ),
    );
  const [created] = await db
    .insert(imports)
    .values({ userId: user.userId, fileName: upload.fileName.slice(0, 200), status: "staging" })
    .returning({ id: imports.id });
  const importId = created!.id;
  try {
    let staged = 0;
    const named = new Set<string>();
    const tallies = await readExport(upload.body, {
      fileName: upload.fileName,
      limits: { ...DEFAULT_READ_LIMITS, maxBytes: upload.maxBytes },
      onPlays: async (batch) => {
        staged += await stageRows(db, importId, batch, named);
      },
    });
    await resolveNamesToTracks(db, importId);
    // The preview below and the job read the staged rows by the thousand: let the planner know them.
    await db.execute(sql`ANALYZE import_rows, import_tracks`);
    const [summary] = (
      await db.execute<{ first_at: string | null; last_at: string | null; present: number }>(sql`
        SELECT min(r.played_at) AS first_at, max(r.played_at) AS last_at,
               count(*) FILTER (WHERE ${matchesStoredPlay(sql`${user.userId}::uuid`, null)})::int AS present
          FROM import_rows r WHERE r.import_id = ${importId}`)
    ).rows;
    const exportUsername = [...tallies.usernames].find((name) => name !== user.spotifyId) ?? null;
    const rejectReasons = [...tallies.rejectReasons.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 5)
      .map(([reason, count]) => ({ reason, count }));
    const [row] = await db
      .update(imports)
      .set({
        status: "ready",
        formats: [...tallies.formats].sort(),
        exportUsername,
        tallies: {
          rows: tallies.rows,
          candidates: tallies.candidates,
          duplicates: tallies.candidates - staged,
          skipped: tallies.skipped,
          rejected: tallies.rejected,
          rejectReasons,
          files: tallies.files.slice(0, 50),
        },
        total: staged,
        present: summary?.present ?? 0,
        firstAt: summary?.first_at ? new Date(summary.first_at) : null,
        lastAt: summary?.last_at ? new Date(summary.last_at) : null,
      })
      .where(eq(imports.id, importId))
      .returning();
    return toView(row!, user.spotifyId);
  } catch (error) {
    await db
      .delete(imports)
      .where(eq(imports.id, importId))
      .catch(() => undefined);
    if (error instanceof ImportInputError) {
      throw new ApiError(
        error.problem === "too_large" ? "payload_too_large" : "invalid_request",
        error.message,
      );
    }
    throw error;
  }
}

/**
 * Stages a batch in one statement (the rows travel as JSON parameters); returns how many plays were
 * new. A track's names go in once per upload (`named`: the tracks staged so far, so the first row's
 * names), not with every play.
 */
async function stageRows(
  db: Queryable,
  importId: string,
  batch: ImportPlay[],
  named: Set<string>,
): Promise<number> {
  const rows = JSON.stringify(
    batch.map((play) => ({ p: play.playedAt.toISOString(), m: play.msPlayed, t: play.trackId })),
  );
  const tracks = JSON.stringify(
    batch
      .filter((play) => !named.has(play.trackId) && named.add(play.trackId))
      .map((play) => ({
        t: play.trackId,
        u: play.trackUri,
        n: play.title,
        a: play.artistName,
        l: play.albumName,
      })),
  );
  const result = await db.execute(sql`
    WITH named AS (
      INSERT INTO import_tracks (import_id, track_id, track_uri, title, artist_name, album_name)
      SELECT ${importId}::uuid, x.t, x.u, x.n, x.a, x.l
        FROM json_to_recordset(${tracks}::json) AS x(t text, u text, n text, a text, l text)
      ON CONFLICT DO NOTHING)
    INSERT INTO import_rows (import_id, played_at, ms_played, track_id)
    SELECT ${importId}::uuid, x.p, x.m, x.t
      FROM json_to_recordset(${rows}::json) AS x(p timestamptz, m int, t text)
    ON CONFLICT DO NOTHING`);
  return result.rowCount ?? 0;
}

/**
 * Rows without a URI (the Account-data export) take the key of a Spotify track with the same title
 * and first artist, from the catalog or from this import's own Extended rows, so that they dedupe
 * against recorded plays and share the track's history.
 */
async function resolveNamesToTracks(db: Queryable, importId: string): Promise<void> {
  await db.execute(sql`
    WITH wanted AS (
      SELECT track_id AS synthetic, lower(title) AS title, lower(artist_name) AS artist FROM import_tracks
       WHERE import_id = ${importId} AND track_uri IS NULL AND artist_name IS NOT NULL),
    known AS (
      SELECT DISTINCT ON (lower(t.title), lower(a.name)) lower(t.title) AS title, lower(a.name) AS artist, t.id
        FROM tracks t
        JOIN track_artists ta ON ta.track_id = t.id AND ta.position = 0
        JOIN artists a ON a.id = ta.artist_id
        JOIN wanted w ON w.title = lower(t.title) AND w.artist = lower(a.name)
       WHERE t.id LIKE 'spotify:track:%'
       ORDER BY lower(t.title), lower(a.name), t.id),
    staged AS (
      SELECT DISTINCT ON (lower(title), lower(artist_name)) lower(title) AS title, lower(artist_name) AS artist,
             track_uri AS id
        FROM import_tracks
       WHERE import_id = ${importId} AND track_uri LIKE 'spotify:track:%' AND artist_name IS NOT NULL
       ORDER BY lower(title), lower(artist_name), track_uri),
    best AS (
      SELECT w.synthetic, coalesce(k.id, s.id) AS id FROM wanted w
        LEFT JOIN known k ON k.title = w.title AND k.artist = w.artist
        LEFT JOIN staged s ON s.title = w.title AND s.artist = w.artist),
    -- The chunks read a track's names from import_tracks: the Spotify track a row now points at gets
    -- a row there too (with the names of the row it came from), should the catalog lack it then.
    renamed AS (
      INSERT INTO import_tracks (import_id, track_id, track_uri, title, artist_name, album_name)
      SELECT ${importId}::uuid, b.id, b.id, n.title, n.artist_name, n.album_name
        FROM best b JOIN import_tracks n ON n.import_id = ${importId} AND n.track_id = b.synthetic
       WHERE b.id IS NOT NULL
      ON CONFLICT DO NOTHING)
    UPDATE import_rows r SET track_id = b.id
      FROM best b
     WHERE r.import_id = ${importId} AND r.track_id = b.synthetic AND b.id IS NOT NULL`);
}

/**
 * `r` (an import_rows row) matches a play stored for `userId`, other than `exceptImport`'s own.
 * `within`: bounds that every match of the rows at hand lies in (a chunk's span, widened by the
 * longest play and the slack). They change nothing about what matches, but let the planner read the
 * person's plays of that span once and hash them, instead of probing the index twice per row.
 */
function matchesStoredPlay(
  userId: ReturnType<typeof sql>,
  exceptImport: string | null,
  within?: { from: Date; to: Date },
) {
  const notOwn = exceptImport ? sql`AND p.import_id IS DISTINCT FROM ${exceptImport}::uuid` : sql``;
  const span = (alias: string) =>
    within
      ? sql`AND ${sql.raw(alias)}.played_at BETWEEN ${within.from.toISOString()}::timestamptz AND ${within.to.toISOString()}::timestamptz`
      : sql``;
  return sql`(EXISTS (SELECT 1 FROM plays p WHERE p.user_id = ${userId} AND p.track_id = r.track_id ${span("p")}
                AND p.played_at BETWEEN r.played_at - (r.ms_played + ${DEDUPE_SLACK_MS}) * interval '1 millisecond'
                                    AND r.played_at + ${DEDUPE_SLACK_MS} * interval '1 millisecond' ${notOwn})
           OR EXISTS (SELECT 1 FROM plays p2 WHERE p2.user_id = ${userId} ${span("p2")} AND p2.played_at = r.played_at))`;
}

async function findOwn(db: Queryable, userId: string, importId: string): Promise<ImportRecord> {
  const [row] = await db
    .select()
    .from(imports)
    .where(and(eq(imports.id, importId), eq(imports.userId, userId)));
  if (!row) throw new ApiError("not_found", "There is no such import.");
  return row;
}

export async function getImport(db: Queryable, user: Uploader, importId: string): Promise<ImportView> {
  return toView(await findOwn(db, user.userId, importId), user.spotifyId);
}

export async function getImportRecord(db: Queryable, userId: string, importId: string) {
  return findOwn(db, userId, importId);
}

/** The person's imports, newest first (staging uploads in flight are left out). */
export async function listImports(db: Queryable, user: Uploader, limit = 20): Promise<ImportView[]> {
  const rows = await db
    .select()
    .from(imports)
    .where(and(eq(imports.userId, user.userId), sql`${imports.status} <> 'staging'`))
    .orderBy(desc(imports.createdAt))
    .limit(limit);
  return rows.map((row) => toView(row, user.spotifyId));
}

/** Previewed → running: the job takes it from here (lib/import/import-job.ts). */
export async function startImport(db: Queryable, user: Uploader, importId: string): Promise<ImportView> {
  const [row] = await db
    .update(imports)
    .set({ status: "running", startedAt: new Date() })
    .where(and(eq(imports.id, importId), eq(imports.userId, user.userId), eq(imports.status, "ready")))
    .returning();
  if (row) return toView(row, user.spotifyId);
  const current = await findOwn(db, user.userId, importId);
  throw new ApiError("conflict", `This import is ${current.status}; only a previewed import can start.`);
}

/**
 * Cancels: a preview is discarded (nothing was written); a running job is asked to stop, and stops
 * at its next chunk, removing what it added. A job whose runner is gone is rolled back here.
 */
export async function cancelImport(db: Database, user: Uploader, importId: string, now = new Date()) {
  return afterPlaysChange(
    user.userId,
    db.transaction(async (tx) => {
      const [row] = await tx
        .select()
        .from(imports)
        .where(and(eq(imports.id, importId), eq(imports.userId, user.userId)))
        .for("update");
      if (!row) throw new ApiError("not_found", "There is no such import.");
      if (row.status === "ready") {
        await tx.delete(imports).where(eq(imports.id, importId));
        return { ...toView(row, user.spotifyId), status: "cancelled" as const };
      }
      if (row.status !== "running") {
        throw new ApiError(
          "conflict",
          `This import is ${row.status}; only a preview or a running import can be cancelled.`,
        );
      }
      if (row.leaseUntil && row.leaseUntil > now) {
        const [updated] = await tx
          .update(imports)
          .set({ cancelRequested: true })
          .where(eq(imports.id, importId))
          .returning();
        return toView(updated!, user.spotifyId);
      }
      const rolledBack = await rollBack(tx, row, "cancelled", null);
      return toView(rolledBack, user.spotifyId);
    }),
  );
}

/** Removes exactly the plays this import added, and opens again the gaps it closed. */
export async function undoImport(db: Database, user: Uploader, importId: string): Promise<ImportView> {
  return afterPlaysChange(
    user.userId,
    db.transaction(async (tx) => {
      const [row] = await tx
        .select()
        .from(imports)
        .where(and(eq(imports.id, importId), eq(imports.userId, user.userId)))
        .for("update");
      if (!row) throw new ApiError("not_found", "There is no such import.");
      if (row.status !== "done") {
        throw new ApiError("conflict", `This import is ${row.status}; only a finished import can be undone.`);
      }
      return toView(await rollBack(tx, row, "undone", null), user.spotifyId);
    }),
  );
}

/** Once `done` has committed, tells open pages that the person's plays changed (lib/shared/play-changes). */
async function afterPlaysChange<T>(userId: string, done: Promise<T>): Promise<T> {
  const result = await done;
  await playChanges().changed(userId);
  return result;
}

async function rollBack(
  tx: Queryable,
  row: ImportRecord,
  status: "cancelled" | "undone" | "failed",
  error: string | null,
): Promise<ImportRecord> {
  await tx.delete(plays).where(and(eq(plays.userId, row.userId), eq(plays.importId, row.id)));
  await tx.delete(importRows).where(eq(importRows.importId, row.id));
  await tx.delete(importTracks).where(eq(importTracks.importId, row.id));
  const closed = row.closedGaps ?? [];
  if (closed.length > 0) {
    await tx
      .insert(coverageGaps)
      .values(
        closed.map((gap) => ({
          userId: row.userId,
          fromAt: new Date(gap.fromAt),
          toAt: new Date(gap.toAt),
          detectedAt: new Date(gap.detectedAt),
        })),
      )
      .onConflictDoNothing();
  }
  const [updated] = await tx
    .update(imports)
    .set({
      status,
      error,
      added: 0,
      closedGaps: null,
      // The import's plays are gone, and their removal recomputed every day they were on.
      statsFrom: null,
      statsTo: null,
      leaseOwner: null,
      leaseUntil: null,
      cancelRequested: false,
      finishedAt: new Date(),
    })
    .where(eq(imports.id, row.id))
    .returning();
  return updated!;
}

export type ChunkOutcome = "more" | "done" | "cancelled" | "lost";

/**
 * One chunk of a running import, in one transaction: the next CHUNK_ROWS staged plays (in played_at
 * order, after the cursor), their catalog rows (as fill-ins), the plays not yet stored, the cursor.
 * `workerId` must hold the import's lease, which the chunk extends by `leaseMs`.
 */
export async function runChunk(
  db: Database,
  importId: string,
  workerId: string,
  options: {
    leaseMs: number;
    chunkRows?: number;
    now?: () => number;
    /** "per-row": leave the plays' key checks to PostgreSQL even where they could be skipped (tests). */
    rowChecks?: "per-chunk" | "per-row";
  },
): Promise<ChunkOutcome> {
  const now = options.now ?? Date.now;
  const chunkRows = options.chunkRows ?? CHUNK_ROWS;
  // Asked before the transaction: the embedded database has one connection, which it will hold.
  const skipRowChecks = options.rowChecks !== "per-row" && (await maySkipRowTriggers(db));
  return db.transaction(async (tx) => {
    // The owner first, as a key check would lock them, then the import: deleting the account locks
    // in that order too (the person, then their imports), so the two cannot deadlock.
    await tx.execute(sql`
      SELECT 1 FROM users u JOIN imports i ON i.user_id = u.id WHERE i.id = ${importId} FOR KEY SHARE OF u`);
    const [row] = await tx.select().from(imports).where(eq(imports.id, importId)).for("update");
    if (!row || row.status !== "running" || row.leaseOwner !== workerId) return "lost";
    if (row.cancelRequested) {
      await rollBack(tx, row, "cancelled", null);
      return "cancelled";
    }
    const cursor = row.cursorAt ?? new Date(0);
    const [range] = (
      await tx.execute<{ first: string | null; upto: string | null; n: number; longest: number | null }>(sql`
        SELECT min(played_at) AS first, max(played_at) AS upto, count(*)::int AS n, max(ms_played) AS longest FROM (
          SELECT played_at, ms_played FROM import_rows WHERE import_id = ${importId} AND played_at > ${cursor}
           ORDER BY played_at LIMIT ${chunkRows}) s`)
    ).rows;
    if (!range?.upto || range.n === 0) {
      await finish(tx, row, new Date(now() + options.leaseMs));
      return "done";
    }
    const upto = new Date(range.upto);
    const tracksOfChunk = (
      await tx.execute<{
        track_id: string;
        track_uri: string | null;
        title: string;
        artist_name: string | null;
        album_name: string | null;
      }>(sql`
        SELECT n.track_id, n.track_uri, n.title, n.artist_name, n.album_name
          FROM (SELECT DISTINCT r.track_id FROM import_rows r
                 WHERE r.import_id = ${importId} AND r.played_at > ${cursor} AND r.played_at <= ${upto}) c
          JOIN import_tracks n ON n.import_id = ${importId} AND n.track_id = c.track_id
         WHERE NOT EXISTS (SELECT 1 FROM tracks t WHERE t.id = c.track_id)`)
    ).rows;
    // Only tracks the catalog lacks: a stored track keeps its rows whole (the fill would change
    // nothing), and a re-import, or a listener's favourites met in every chunk, costs nothing here.
    await upsertCatalog(tx, catalogOf(tracksOfChunk), { fill: true });
    // The chunk's plays skip the stats rollups' insert trigger (this transaction only): their days
    // are rebuilt once all plays are in (stats-catch-up.ts), from the span recorded below.
    await tx.execute(sql`SELECT set_config('earshot.stats_deferred', 'on', true)`);
    // On the embedded database the plays' keys are checked once for the chunk, not once per play.
    const insertPlays = () =>
      tx.execute<{ n: number; first: string | null; last: string | null }>(sql`
        WITH added AS (
          INSERT INTO plays (user_id, played_at, track_id, source, ms_played, import_id)
          SELECT ${row.userId}::uuid, r.played_at, r.track_id, 'imported', r.ms_played, ${importId}::uuid
            FROM import_rows r
           WHERE r.import_id = ${importId} AND r.played_at > ${cursor} AND r.played_at <= ${upto}
             AND NOT ${matchesStoredPlay(sql`${row.userId}::uuid`, importId, {
               from: new Date(
                 new Date(range.first ?? upto).getTime() - (range.longest ?? 0) - DEDUPE_SLACK_MS,
               ),
               to: new Date(upto.getTime() + DEDUPE_SLACK_MS),
             })}
          ON CONFLICT (user_id, played_at) DO NOTHING
          RETURNING played_at)
        SELECT count(*)::int AS n, min(played_at) AS first, max(played_at) AS last FROM added`);
    const [inserted] = (
      skipRowChecks
        ? await holdChunkReferences(tx, row, cursor, upto).then(() => withoutRowTriggers(tx, insertPlays))
        : await insertPlays()
    ).rows;
    await tx.execute(sql`SELECT set_config('earshot.stats_deferred', 'off', true)`);
    const added = inserted?.n ?? 0;
    await tx
      .update(imports)
      .set({
        processed: sql`${imports.processed} + ${range.n}`,
        added: sql`${imports.added} + ${added}`,
        // least/greatest skip NULLs: the span grows from nothing with the first plays added.
        ...(added > 0 && inserted?.first && inserted.last
          ? {
              statsFrom: sql`least(${imports.statsFrom}, ${new Date(inserted.first)}::timestamptz)`,
              statsTo: sql`greatest(${imports.statsTo}, ${new Date(inserted.last)}::timestamptz)`,
            }
          : {}),
        cursorAt: upto,
        leaseUntil: new Date(now() + options.leaseMs),
      })
      .where(eq(imports.id, importId));
    return "more";
  });
}

/**
 * What the plays' foreign keys would check play by play, once for a chunk, before its plays go in
 * without those checks (lib/db/row-triggers.ts): the person and the import are locked as each check
 * would lock them (FOR KEY SHARE: deleting the account waits for the chunk; the chunk holds the
 * import FOR UPDATE anyway), and each distinct track of the chunk must be in the catalog (filled in
 * just before, in this transaction), locked likewise. A missing one fails the chunk, as the key
 * would. The keys this stands for are pinned by a test (row-triggers.test.ts).
 */
export async function holdChunkReferences(
  tx: Queryable,
  row: Pick<ImportRecord, "id" | "userId">,
  cursor: Date,
  upto: Date,
): Promise<void> {
  const [held] = (
    await tx.execute<{ people: number; imports: number; wanted: number; found: number }>(sql`
      WITH person AS (SELECT 1 FROM users WHERE id = ${row.userId}::uuid FOR KEY SHARE),
      the_import AS (SELECT 1 FROM imports WHERE id = ${row.id} FOR KEY SHARE),
      wanted AS (SELECT DISTINCT r.track_id FROM import_rows r
                  WHERE r.import_id = ${row.id} AND r.played_at > ${cursor} AND r.played_at <= ${upto}),
      found AS (SELECT t.id FROM tracks t WHERE t.id IN (SELECT track_id FROM wanted) FOR KEY SHARE OF t)
      SELECT (SELECT count(*) FROM person)::int AS people, (SELECT count(*) FROM the_import)::int AS imports,
             (SELECT count(*) FROM wanted)::int AS wanted,
             (SELECT count(*) FROM found)::int AS found`)
  ).rows;
  if (held?.people !== 1) throw new Error(`import ${row.id}: its owner is gone`);
  if (held.imports !== 1) throw new Error(`import ${row.id} is gone`);
  if (held.found !== held.wanted) {
    throw new Error(
      `import ${row.id}: ${held.wanted - held.found} of the chunk's tracks are not in the catalog`,
    );
  }
}

function catalogOf(
  rows: {
    track_id: string;
    track_uri: string | null;
    title: string;
    artist_name: string | null;
    album_name: string | null;
  }[],
): { artists: ArtistRow[]; albums: AlbumRow[]; tracks: TrackRow[] } {
  const artists = new Map<string, ArtistRow>();
  const albums = new Map<string, AlbumRow>();
  const tracks: TrackRow[] = [];
  for (const row of rows) {
    const keys = catalogKeysFor({
      trackUri: row.track_uri,
      title: row.title,
      artistName: row.artist_name,
      albumName: row.album_name,
    });
    if (keys.artistId && row.artist_name) {
      artists.set(keys.artistId, { id: keys.artistId, name: row.artist_name, url: null });
    }
    if (keys.albumId && row.album_name) {
      albums.set(keys.albumId, {
        id: keys.albumId,
        name: row.album_name,
        url: null,
        imageSmall: null,
        imageMedium: null,
        imageLarge: null,
      });
    }
    const uri = row.track_id.startsWith("spotify:track:") ? row.track_id : null;
    tracks.push({
      id: row.track_id,
      title: row.title,
      albumId: keys.albumId,
      // The export has no durations: 0 stands for "not known yet"; the recorder fills it in.
      durationMs: 0,
      explicit: false,
      isLocal: row.track_id.startsWith("spotify:local:"),
      url: uri ? `https://open.spotify.com/track/${uri.slice("spotify:track:".length)}` : null,
      artistIds: keys.artistId ? [keys.artistId] : [],
    });
  }
  return { artists: [...artists.values()], albums: [...albums.values()], tracks };
}

/** The last chunk is done: close the coverage gaps the import spans, drop the staged rows. */
async function finish(tx: Queryable, row: ImportRecord, leaseUntil: Date): Promise<void> {
  let closed: { fromAt: string; toAt: string; detectedAt: string }[] = [];
  if (row.firstAt && row.lastAt) {
    const gone = await tx
      .delete(coverageGaps)
      .where(
        and(
          eq(coverageGaps.userId, row.userId),
          sql`${coverageGaps.fromAt} >= ${row.firstAt}`,
          sql`${coverageGaps.toAt} <= ${row.lastAt}`,
        ),
      )
      .returning();
    closed = gone.map((gap) => ({
      fromAt: gap.fromAt.toISOString(),
      toAt: gap.toAt.toISOString(),
      detectedAt: gap.detectedAt.toISOString(),
    }));
  }
  await tx.delete(importRows).where(eq(importRows.importId, row.id));
  await tx.delete(importTracks).where(eq(importTracks.importId, row.id));
  await tx
    .update(imports)
    .set({
      status: "done",
      closedGaps: closed,
      // The plays are all in; with a stats catch-up to run, the runner keeps its lease for it, renewed
      // (the planner statistics' refresh and the first slice come before the next renewal).
      ...(row.statsFrom ? { leaseUntil } : { leaseOwner: null, leaseUntil: null }),
      finishedAt: new Date(),
    })
    .where(eq(imports.id, row.id));
}

/** Gives up on a job that keeps failing: what it added is removed, the reason kept. */
export async function failImport(db: Database, importId: string, message: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx.select().from(imports).where(eq(imports.id, importId)).for("update");
    if (row?.status === "running") await rollBack(tx, row, "failed", message);
  });
}

/**
 * Claims an import with work left whose lease is free (none yet, or run out: its runner died) for
 * `workerId`; a given `importId` only, or any. Work left: a running job, or a finished one whose
 * stats catch-up is pending.
 */
export async function claimImport(
  db: Queryable,
  workerId: string,
  options: { leaseMs: number; importId?: string; now?: () => number },
): Promise<string | null> {
  const now = options.now ?? Date.now;
  const at = new Date(now());
  const which = options.importId ? sql`AND i.id = ${options.importId}::uuid` : sql``;
  const result = await db.execute<{ id: string }>(sql`
    UPDATE imports SET lease_owner = ${workerId}, lease_until = ${new Date(now() + options.leaseMs)}
     WHERE id = (SELECT i.id FROM imports i
                  WHERE ${hasWorkLeft(sql`i`)} AND (i.lease_until IS NULL OR i.lease_until < ${at}) ${which}
                  ORDER BY i.started_at LIMIT 1 FOR UPDATE SKIP LOCKED)
    RETURNING id`);
  return result.rows[0]?.id ?? null;
}

/** A running job, or a finished one whose stats catch-up is pending (stats-catch-up.ts). */
const hasWorkLeft = (alias: ReturnType<typeof sql>) =>
  sql`(${alias}.status = 'running' OR (${alias}.status = 'done' AND ${alias}.stats_from IS NOT NULL))`;

/** The person's imports with work left whose runner is gone (or not started yet). */
export async function orphanedImports(db: Queryable, userId: string, now = new Date()): Promise<string[]> {
  const rows = await db
    .select({ id: imports.id })
    .from(imports)
    .where(
      and(
        eq(imports.userId, userId),
        hasWorkLeft(sql`${imports}`),
        sql`(${imports.leaseUntil} is null or ${imports.leaseUntil} < ${now})`,
      ),
    );
  return rows.map((row) => row.id);
}

/** An import with work left whose runner is gone (or not yet started): whoever sees it may run it. */
export function isOrphaned(row: ImportRecord, now = Date.now()): boolean {
  const workLeft = row.status === "running" || (row.status === "done" && row.statsFrom !== null);
  return workLeft && (!row.leaseUntil || row.leaseUntil.getTime() < now);
}
