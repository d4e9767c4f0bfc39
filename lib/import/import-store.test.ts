// The import in the store, on both stores: preview, dedupe (against recorded plays whose played_at is
// the start, the end, or late), re-import, overlapping files, gaps, the job (chunks, cancel, resume),
// undo, bad input, and catalog keys that meet the recorder's.
import { sql } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import type { Database } from "@/lib/db/connection";
import { coverageGaps, users } from "@/lib/db/schema";
import { STORE_KINDS } from "@/lib/db/test-databases";
import type { CatalogBatch } from "@/lib/history/catalog-rows";
import { listGaps, storePlays } from "@/lib/history/store-plays";
import { ApiError } from "@/lib/errors";
import { storeForTests } from "@/lib/testing/store-for-tests";
import { runImportJob } from "./import-job";
import {
  cancelImport,
  claimImport,
  holdChunkReferences,
  listImports,
  orphanedImports,
  runChunk,
  stageUpload,
  startImport,
  undoImport,
} from "./import-store";
import { chunked, extendedRow, podcastRow, trackUri, zipOf } from "./test-exports";

const MAX = 10 * 1024 * 1024;

/** What a failed query said: Drizzle wraps the database's error ("Failed query: …") as its cause. */
const failure = (pending: Promise<unknown>) =>
  pending.then(
    () => "no error",
    (error: Error) => (error.cause instanceof Error ? error.cause.message : error.message),
  );

async function person(db: Database, spotifyId = "rory") {
  const [row] = await db.insert(users).values({ clientId: "demo", spotifyId }).returning({ id: users.id });
  return { userId: row!.id, spotifyId };
}

function recordedBatch(
  plays: { uri: string; playedAt: Date; title?: string; artist?: string }[],
): CatalogBatch {
  const artists = new Map<string, { id: string; name: string; url: null }>();
  const tracks = new Map<string, CatalogBatch["tracks"][number]>();
  for (const play of plays) {
    const artistId = `spotify:artist:${(play.artist ?? "Artist A").replace(/\W/g, "")}`;
    artists.set(artistId, { id: artistId, name: play.artist ?? "Artist A", url: null });
    tracks.set(play.uri, {
      id: play.uri,
      title: play.title ?? "Song One",
      albumId: null,
      durationMs: 200_000,
      explicit: false,
      isLocal: false,
      url: null,
      artistIds: [artistId],
    });
  }
  return {
    artists: [...artists.values()],
    albums: [],
    tracks: [...tracks.values()],
    plays: plays.map((play) => ({
      playedAt: play.playedAt,
      trackId: play.uri,
      contextType: null,
      contextUri: null,
    })),
  };
}

async function storedPlays(db: Database, userId: string) {
  const result = await db.execute<{
    track_id: string;
    played_at: Date;
    source: string;
    import_id: string | null;
  }>(
    sql`select track_id, played_at, source, import_id from plays where user_id = ${userId} order by played_at`,
  );
  return result.rows.map((row) => ({ ...row, playedAt: new Date(row.played_at).toISOString() }));
}

async function importAll(
  db: Database,
  user: { userId: string; spotifyId: string },
  bytes: Uint8Array,
  name = "my_spotify_data.zip",
) {
  const preview = await stageUpload(db, user, { fileName: name, body: chunked(bytes, 4_096), maxBytes: MAX });
  await startImport(db, user, preview.id);
  const ran = await runImportJob(db, { importId: preview.id, chunkRows: 3 });
  expect(ran?.outcome).toBe("done");
  const [after] = (await listImports(db, user)).filter((i) => i.id === preview.id);
  return { preview, after: after! };
}

/** Ten plays of distinct tracks a day apart, ending at 12:00 UTC, 200 s each. */
const tenPlays = Array.from({ length: 10 }, (_, i) =>
  extendedRow({
    ts: `2024-03-${String(i + 1).padStart(2, "0")}T12:00:00Z`,
    spotify_track_uri: trackUri(i + 1),
    master_metadata_track_name: `Song ${i + 1}`,
  }),
);

describe.each(STORE_KINDS)("the import on the %s store", (kind) => {
  const store = storeForTests(kind);

  it("previews an export with overlapping files without writing a play, then imports each play once", async () => {
    const { db } = store();
    const user = await person(db);
    const zip = zipOf({
      "Spotify Extended Streaming History/Streaming_History_Audio_2024_0.json": [
        ...tenPlays.slice(0, 6),
        extendedRow({ ts: "2024-03-01T13:00:00Z", ms_played: 4_000 }), // a skip
        podcastRow("2024-03-01T14:00:00Z"),
        extendedRow({
          ts: "2024-03-01T15:00:00Z",
          master_metadata_track_name: null,
          spotify_track_uri: null,
        }),
        { ts: "yesterday", ms_played: 1 },
      ],
      // Overlaps the first file by two plays.
      "Spotify Extended Streaming History/Streaming_History_Audio_2024_1.json": tenPlays.slice(4),
      "Spotify Extended Streaming History/Streaming_History_Video_2024.json": [
        extendedRow({ ts: "2024-03-02T09:00:00Z" }),
      ],
      "Spotify Extended Streaming History/ReadMeFirst_ExtendedStreamingHistory.pdf": new Uint8Array([
        37, 80, 68, 70,
      ]),
    });
    // Zero Spotify calls: nothing in an import reaches the network at all.
    const fetches = vi.spyOn(globalThis, "fetch");
    const preview = await stageUpload(db, user, {
      fileName: "my_spotify_data.zip",
      body: chunked(zip, 1_000),
      maxBytes: MAX,
    });
    expect(preview).toMatchObject({
      status: "ready",
      formats: ["extended"],
      rows: 17,
      plays: 10,
      duplicates: 2,
      present: 0,
      toAdd: 10,
      skipped: { short: 1, podcast: 1, noTrack: 1, video: 1 },
      rejected: 1,
      rejectReasons: [{ reason: "ts is not an ISO instant in UTC", count: 1 }],
      firstAt: "2024-03-01T12:00:00.000Z",
      lastAt: "2024-03-10T12:00:00.000Z",
      usernameMismatch: null,
    });
    expect(await storedPlays(db, user.userId)).toEqual([]);

    await startImport(db, user, preview.id);
    expect(await runImportJob(db, { importId: preview.id, chunkRows: 4 })).toEqual({
      importId: preview.id,
      outcome: "done",
    });
    const stored = await storedPlays(db, user.userId);
    expect(stored).toHaveLength(10);
    expect(fetches).not.toHaveBeenCalled();
    fetches.mockRestore();
    expect(stored.every((play) => play.source === "imported" && play.import_id === preview.id)).toBe(true);
    const [done] = await listImports(db, user);
    expect(done).toMatchObject({ status: "done", processed: 10, added: 10 });
    // The staged rows are gone once the job is done.
    const staged = await db.execute<{ n: number }>(
      sql`select (select count(*) from import_rows) + (select count(*) from import_tracks)::int as n`,
    );
    expect(Number(staged.rows[0]!.n)).toBe(0);

    // The same export again adds nothing.
    const again = await importAll(db, user, zip);
    expect(again.preview).toMatchObject({ plays: 10, present: 10, toAdd: 0 });
    expect(again.after.added).toBe(0);
    expect(await storedPlays(db, user.userId)).toHaveLength(10);
  });

  it("dedupes against recorded plays whose played_at is the start, the end, or late, per track", async () => {
    const { db } = store();
    const user = await person(db);
    const end = new Date("2024-05-01T10:00:00Z");
    const ms = 180_000;
    await db.transaction((tx) =>
      storePlays(
        tx,
        user.userId,
        recordedBatch([
          { uri: trackUri(1), playedAt: new Date(end.getTime() - ms) }, // logged at the start
          { uri: trackUri(2), playedAt: new Date(end.getTime() + 3_600_000) }, // logged at the end (below)
          { uri: trackUri(3), playedAt: new Date(end.getTime() + 7_200_000 + 45_000) }, // 45 s late
          { uri: trackUri(4), playedAt: new Date(end.getTime() + 10_800_000 - ms - 61_000) }, // too early: another play
          { uri: trackUri(9), playedAt: new Date(end.getTime() + 14_400_000) }, // same time, other track
        ]),
        { windowPage: false, newestBefore: null },
      ),
    );
    const rows = [
      extendedRow({ ts: end.toISOString(), ms_played: ms, spotify_track_uri: trackUri(1) }),
      extendedRow({
        ts: new Date(end.getTime() + 3_600_000).toISOString(),
        ms_played: ms,
        spotify_track_uri: trackUri(2),
      }),
      extendedRow({
        ts: new Date(end.getTime() + 7_200_000).toISOString(),
        ms_played: ms,
        spotify_track_uri: trackUri(3),
      }),
      extendedRow({
        ts: new Date(end.getTime() + 10_800_000).toISOString(),
        ms_played: ms,
        spotify_track_uri: trackUri(4),
      }),
      extendedRow({
        ts: new Date(end.getTime() + 14_400_000 - 30_000).toISOString(),
        ms_played: ms,
        spotify_track_uri: trackUri(5),
      }),
    ].map((row) => ({ ...row, ts: (row.ts as string).replace(".000Z", "Z") }));
    const { preview, after } = await importAll(
      db,
      user,
      zipOf({ "Streaming_History_Audio_2024.json": rows }),
    );
    expect(preview).toMatchObject({ plays: 5, present: 3, toAdd: 2 });
    expect(after.added).toBe(2);
    const imported = (await storedPlays(db, user.userId)).filter((play) => play.source === "imported");
    expect(imported.map((play) => play.track_id)).toEqual([trackUri(4), trackUri(5)]);
  });

  it("keeps a track played twice in a row (the import's own plays never dedupe its next row)", async () => {
    const { db } = store();
    const user = await person(db);
    const rows = [0, 1, 2].map((i) =>
      extendedRow({
        ts: new Date(Date.UTC(2024, 0, 1, 12, 3 * i)).toISOString().replace(".000Z", "Z"),
        ms_played: 180_000,
      }),
    );
    const { after } = await importAll(db, user, zipOf({ "endsong_0.json": rows }));
    expect(after.added).toBe(3);
  });

  it("closes the coverage gaps it spans, and undo removes exactly its plays and opens them again", async () => {
    const { db } = store();
    const user = await person(db);
    await db.transaction((tx) =>
      storePlays(
        tx,
        user.userId,
        recordedBatch([{ uri: trackUri(99), playedAt: new Date("2024-03-20T00:00:00Z") }]),
        {
          windowPage: false,
          newestBefore: null,
        },
      ),
    );
    await db.insert(coverageGaps).values([
      {
        userId: user.userId,
        fromAt: new Date("2024-03-02T00:00:00Z"),
        toAt: new Date("2024-03-05T00:00:00Z"),
      },
      {
        userId: user.userId,
        fromAt: new Date("2024-03-09T00:00:00Z"),
        toAt: new Date("2024-03-25T00:00:00Z"),
      },
    ]);
    const { after } = await importAll(db, user, zipOf({ "Streaming_History_Audio_2024.json": tenPlays }));
    expect(after.added).toBe(10);
    expect((await listGaps(db, user.userId)).map((gap) => gap.fromAt.toISOString())).toEqual([
      "2024-03-09T00:00:00.000Z",
    ]);

    const undone = await undoImport(db, user, after.id);
    expect(undone).toMatchObject({ status: "undone", added: 0 });
    expect((await storedPlays(db, user.userId)).map((play) => play.track_id)).toEqual([trackUri(99)]);
    expect(await listGaps(db, user.userId)).toHaveLength(2);
    await expect(undoImport(db, user, after.id)).rejects.toMatchObject({ code: "conflict" });
  });

  it("cancels a running job at its next chunk, leaving nothing behind", async () => {
    const { db } = store();
    const user = await person(db);
    const preview = await stageUpload(db, user, {
      fileName: "Streaming_History_Audio_2024.json",
      body: chunked(JSON.stringify(tenPlays)),
      maxBytes: MAX,
    });
    await startImport(db, user, preview.id);
    const worker = "w1";
    expect(await claimImport(db, worker, { leaseMs: 60_000, importId: preview.id })).toBe(preview.id);
    expect(await runChunk(db, preview.id, worker, { leaseMs: 60_000, chunkRows: 4 })).toBe("more");
    expect(await storedPlays(db, user.userId)).toHaveLength(4);
    expect(await cancelImport(db, user, preview.id)).toMatchObject({
      status: "running",
      cancelRequested: true,
    });
    expect(await runChunk(db, preview.id, worker, { leaseMs: 60_000, chunkRows: 4 })).toBe("cancelled");
    expect(await storedPlays(db, user.userId)).toEqual([]);
    expect((await listImports(db, user))[0]).toMatchObject({ status: "cancelled", added: 0 });
  });

  it("resumes a job whose runner died, at its cursor, adding each play once", async () => {
    const { db } = store();
    const user = await person(db);
    const preview = await stageUpload(db, user, {
      fileName: "Streaming_History_Audio_2024.json",
      body: chunked(JSON.stringify(tenPlays)),
      maxBytes: MAX,
    });
    await startImport(db, user, preview.id);
    let now = Date.now();
    expect(await claimImport(db, "dead", { leaseMs: 1_000, importId: preview.id, now: () => now })).toBe(
      preview.id,
    );
    expect(await runChunk(db, preview.id, "dead", { leaseMs: 1_000, chunkRows: 3, now: () => now })).toBe(
      "more",
    );
    // While its lease holds nobody else takes it; once it runs out, another runner does.
    expect(await claimImport(db, "other", { leaseMs: 1_000, now: () => now })).toBeNull();
    expect(await orphanedImports(db, user.userId, new Date(now))).toEqual([]);
    now += 5_000;
    expect(await orphanedImports(db, user.userId, new Date(now))).toEqual([preview.id]);
    const resumed = await runImportJob(db, { workerId: "other", chunkRows: 3, now: () => now });
    expect(resumed).toEqual({ importId: preview.id, outcome: "done" });
    // The dead runner's late chunk is refused: its lease is gone.
    expect(await runChunk(db, preview.id, "dead", { leaseMs: 1_000, chunkRows: 3 })).toBe("lost");
    expect(await storedPlays(db, user.userId)).toHaveLength(10);
    expect((await listImports(db, user))[0]).toMatchObject({ status: "done", processed: 10, added: 10 });
  });

  it("checks the plays' keys once per chunk as PostgreSQL would per play, with the same plays stored", async () => {
    const { db } = store();
    const perChunk = await person(db, "rory");
    const perRow = await person(db, "sam");
    const body = () => chunked(JSON.stringify(tenPlays));
    for (const [user, rowChecks] of [
      [perChunk, "per-chunk"],
      [perRow, "per-row"],
    ] as const) {
      const preview = await stageUpload(db, user, {
        fileName: "Streaming_History_Audio_2024.json",
        body: body(),
        maxBytes: MAX,
      });
      await startImport(db, user, preview.id);
      expect(await runImportJob(db, { importId: preview.id, chunkRows: 4, rowChecks })).toMatchObject({
        outcome: "done",
      });
    }
    const strip = (rows: Awaited<ReturnType<typeof storedPlays>>) =>
      rows.map(({ track_id, playedAt, source }) => ({ track_id, playedAt, source }));
    const stored = strip(await storedPlays(db, perChunk.userId));
    expect(stored).toHaveLength(10);
    expect(stored).toEqual(strip(await storedPlays(db, perRow.userId)));
  });

  it.each(["per-chunk", "per-row"] as const)(
    "fails a chunk whose track is missing from the catalog whole, its keys checked %s",
    async (rowChecks) => {
      const { db } = store();
      const user = await person(db);
      const preview = await stageUpload(db, user, {
        fileName: "Streaming_History_Audio_2024.json",
        body: chunked(JSON.stringify(tenPlays.slice(0, 3))),
        maxBytes: MAX,
      });
      await startImport(db, user, preview.id);
      expect(await claimImport(db, "w1", { leaseMs: 60_000, importId: preview.id })).toBe(preview.id);
      // Its names gone, the chunk cannot fill the second track into the catalog.
      await db.execute(sql`DELETE FROM import_tracks WHERE track_id = ${trackUri(2)}`);
      const chunk = runChunk(db, preview.id, "w1", { leaseMs: 60_000, chunkRows: 10, rowChecks });
      // The embedded database checks a chunk's keys itself unless told not to; PostgreSQL per play.
      expect(await failure(chunk)).toMatch(
        rowChecks === "per-chunk" && kind === "embedded"
          ? "1 of the chunk's tracks are not in the catalog"
          : /foreign key/,
      );
      expect(await storedPlays(db, user.userId)).toEqual([]);
      const tracks = await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM tracks`);
      expect(tracks.rows[0]?.n).toBe(0);
    },
  );

  it.runIf(kind === "postgres")(
    "holds a chunk's person and tracks as the keys would: deleting them waits for the chunk",
    async () => {
      const { db } = store();
      const user = await person(db);
      const preview = await stageUpload(db, user, {
        fileName: "Streaming_History_Audio_2024.json",
        body: chunked(JSON.stringify(tenPlays.slice(0, 2))),
        maxBytes: MAX,
      });
      await db.execute(
        sql`INSERT INTO tracks (id, title, duration_ms) VALUES (${trackUri(1)}, 'Song 1', 0), (${trackUri(2)}, 'Song 2', 0)`,
      );
      const blocked = (statement: ReturnType<typeof sql>) =>
        db.transaction(async (other) => {
          await other.execute(sql`SET LOCAL lock_timeout = '200ms'`);
          await other.execute(statement);
        });
      await db.transaction(async (tx) => {
        await holdChunkReferences(
          tx,
          { id: preview.id, userId: user.userId },
          new Date(0),
          new Date("2030-01-01"),
        );
        // From other connections, while the chunk's transaction is open.
        expect(await failure(blocked(sql`DELETE FROM users WHERE id = ${user.userId}`))).toMatch(
          /lock timeout/,
        );
        expect(await failure(blocked(sql`DELETE FROM tracks WHERE id = ${trackUri(2)}`))).toMatch(
          /lock timeout/,
        );
      });
      await expect(
        db.transaction((tx) =>
          holdChunkReferences(
            tx,
            { id: preview.id, userId: "00000000-0000-4000-8000-000000000000" },
            new Date(0),
            new Date("2030-01-01"),
          ),
        ),
      ).rejects.toThrow("its owner is gone");
    },
  );

  it("maps Account-data rows (no URIs) to the Spotify track the catalog knows, and warns of another username", async () => {
    const { db } = store();
    const user = await person(db);
    await db.transaction((tx) =>
      storePlays(
        tx,
        user.userId,
        recordedBatch([
          { uri: trackUri(7), playedAt: new Date("2024-06-01T08:00:00Z"), title: "Größe", artist: "Éa" },
        ]),
        { windowPage: false, newestBefore: null },
      ),
    );
    const account = [
      { endTime: "2024-06-01 08:00", artistName: "Éa", trackName: "Größe", msPlayed: 150_000 }, // the recorded one
      { endTime: "2024-06-02 08:00", artistName: "éa", trackName: "größe", msPlayed: 150_000 },
      { endTime: "2024-06-03 08:00", artistName: "Nobody", trackName: "Unknown to us", msPlayed: 150_000 },
    ];
    const extended = [extendedRow({ ts: "2024-01-01T00:00:00Z", username: "someone-else" })];
    const { preview, after } = await importAll(
      db,
      user,
      zipOf({
        "MyData/StreamingHistory_music_0.json": account,
        "Streaming_History_Audio_2023.json": extended,
      }),
    );
    expect(preview).toMatchObject({
      formats: ["account", "extended"],
      plays: 4,
      present: 1,
      usernameMismatch: { exportUsername: "someone-else", accountUsername: "rory" },
    });
    expect(after.added).toBe(3);
    const tracks = (await storedPlays(db, user.userId)).map((play) => play.track_id);
    expect(tracks).toEqual([trackUri(1), trackUri(7), trackUri(7), "import:track:nobody:unknown%20to%20us"]);
    // Imported tracks are searchable like recorded ones.
    const search = await db.execute<{ id: string; search_text: string }>(
      sql`select id, search_text from tracks where id like 'import:%' or id = ${trackUri(1)} order by id`,
    );
    expect(search.rows).toEqual([
      { id: "import:track:nobody:unknown%20to%20us", search_text: "unknown to us nobody" },
      { id: trackUri(1), search_text: "song one artist a album x" },
    ]);
    // When the recorder meets that track under its real URI, the imported plays move to it.
    await db.transaction((tx) =>
      storePlays(
        tx,
        user.userId,
        recordedBatch([
          {
            uri: trackUri(8),
            playedAt: new Date("2024-07-01T08:00:00Z"),
            title: "Unknown To Us",
            artist: "Nobody",
          },
        ]),
        { windowPage: false, newestBefore: null },
      ),
    );
    expect((await storedPlays(db, user.userId)).filter((p) => p.track_id === trackUri(8))).toHaveLength(2);
  });

  it("refuses bad uploads with a clear error and writes nothing", async () => {
    const { db } = store();
    const user = await person(db);
    const attempt = async (bytes: Uint8Array | string, fileName = "upload.zip", maxBytes = MAX) => {
      const error = await stageUpload(db, user, { fileName, body: chunked(bytes, 8_192), maxBytes }).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ApiError);
      return { code: (error as ApiError).code, message: (error as ApiError).message };
    };
    expect(await attempt("hello, this is text")).toMatchObject({
      code: "invalid_request",
      message: expect.stringContaining("neither a zip nor a JSON"),
    });
    expect(
      await attempt(
        zipOf({
          "Streaming_History_Audio_2024.json": new TextEncoder().encode('[{"ts": "2024-01-01T00:00:00Z",'),
        }),
      ),
    ).toMatchObject({
      code: "invalid_request",
      message: expect.stringContaining("Streaming_History_Audio_2024.json"),
    });
    expect(await attempt("[{]", "endsong_0.json")).toMatchObject({
      code: "invalid_request",
      message: expect.stringContaining("not valid JSON"),
    });
    expect(await attempt(zipOf({ "notes.txt": new TextEncoder().encode("hi") }))).toMatchObject({
      code: "invalid_request",
      message: expect.stringContaining("none of the files"),
    });
    expect(await attempt('[{"a": 1}]', "history.json")).toMatchObject({
      code: "invalid_request",
      message: expect.stringContaining("no ts or endTime"),
    });
    // A zip bomb: 50 MB of one repeated byte inside a zip of about 50 kB.
    const bomb = zipOf({ "Streaming_History_Audio_2024.json": new Uint8Array(50 * 1024 * 1024).fill(32) });
    expect(bomb.length).toBeLessThan(200_000);
    expect(await attempt(bomb)).toMatchObject({
      code: "invalid_request",
      message: expect.stringContaining("inflates more than 100 times"),
    });
    expect(await attempt(zipOf({ "Streaming_History_Audio_2024.json": tenPlays }), "x.zip", 100)).toEqual({
      code: "payload_too_large",
      message: "The upload is larger than the limit of 100 bytes (IMPORT_MAX_MB).",
    });
    const counts = await db.execute<{ i: number; r: number; t: number; p: number }>(
      sql`select (select count(*) from imports)::int as i, (select count(*) from import_rows)::int as r,
                 (select count(*) from import_tracks)::int as t, (select count(*) from plays)::int as p`,
    );
    expect(counts.rows[0]).toEqual({ i: 0, r: 0, t: 0, p: 0 });
  });
});
