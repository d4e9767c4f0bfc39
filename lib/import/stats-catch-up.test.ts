// The stats rollups catching up after an import, on both stores: the job's plays skip the insert
// trigger and are counted afterwards in slices; while that is pending /stats says so; a catch-up
// cut off halfway (or run twice) resumes to the same figures; cancel, undo and failure leave rollups
// equal to raw plays; every other insert still keeps the rollups current.
import { eq, sql } from "drizzle-orm";
import { describe, expect, it, onTestFinished } from "vitest";
import type { Database } from "@/lib/db/connection";
import { imports, users } from "@/lib/db/schema";
import { STORE_KINDS } from "@/lib/db/test-databases";
import type { CatalogBatch } from "@/lib/history/catalog-rows";
import { storePlays } from "@/lib/history/store-plays";
import { rawFigures, rollupFigures } from "@/lib/stats/raw-figures";
import { readStats } from "@/lib/stats/stats-queries";
import { storeForTests } from "@/lib/testing/store-for-tests";
import { runImportJob } from "./import-job";
import {
  cancelImport,
  claimImport,
  failImport,
  getImport,
  orphanedImports,
  runChunk,
  stageUpload,
  startImport,
  undoImport,
} from "./import-store";
import { catchUpSlice, statsCatchingUp } from "./stats-catch-up";
import { chunked, extendedRow, trackUri } from "./test-exports";

const MIN = 60_000;
const HOUR = 60 * MIN;
const LEASE = { leaseMs: 60_000 };
/** Few plays per chunk and per slice: many of each over the export's days. */
const CHUNK = { ...LEASE, chunkRows: 25 };
const SLICE = { ...LEASE, slicePlays: 30 };

/** 160 plays every 2 h 17 min over about 15 days around Berlin's DST end, of 13 tracks. */
const exportRows = Array.from({ length: 160 }, (_, i) =>
  extendedRow({
    ts: new Date(Date.parse("2024-10-20T05:00:00Z") + i * (2 * HOUR + 17 * MIN))
      .toISOString()
      .replace(".000Z", "Z"),
    ms_played: (3 + (i % 4)) * MIN,
    spotify_track_uri: trackUri(1 + (i % 13)),
    master_metadata_track_name: `Song ${1 + (i % 13)}`,
    master_metadata_album_artist_name: `Artist ${i % 5}`,
    master_metadata_album_album_name: `Album ${i % 7}`,
  }),
);

/** Recorded plays (other tracks, so no dedupe) between the export's: their minutes are capped by it. */
function recorded(from: string, count: number, everyMs: number): CatalogBatch {
  const track = (i: number) => trackUri(100 + (i % 3));
  return {
    artists: [{ id: "spotify:artist:rec", name: "Recorded", url: null }],
    albums: [],
    tracks: [0, 1, 2].map((i) => ({
      id: track(i),
      title: `Recorded ${i}`,
      albumId: null,
      durationMs: 4 * MIN,
      explicit: false,
      isLocal: false,
      url: null,
      artistIds: ["spotify:artist:rec"],
    })),
    plays: Array.from({ length: count }, (_, i) => ({
      // Half a minute off the export's whole minutes: never at one of its instants.
      playedAt: new Date(Date.parse(from) + 30_000 + i * everyMs),
      trackId: track(i),
      contextType: null,
      contextUri: null,
    })),
  };
}

describe.each(STORE_KINDS)("the stats catch-up after an import on the %s store", (kind) => {
  const store = storeForTests(kind);

  async function person(db: Database, spotifyId = "rory") {
    const [row] = await db
      .insert(users)
      .values({ clientId: "demo", spotifyId, timeZone: "Europe/Berlin" })
      .returning({ id: users.id });
    return { userId: row!.id, spotifyId };
  }

  async function record(db: Database, userId: string, batch: CatalogBatch) {
    await db.transaction((tx) => storePlays(tx, userId, batch, { windowPage: false, newestBefore: null }));
  }

  async function expectRollupsEqualRaw(db: Database, userId: string) {
    const [raw, rollup] = await Promise.all([rawFigures(db, userId), rollupFigures(db, userId)]);
    expect(rollup).toEqual(raw);
    return rollup;
  }

  async function started(db: Database, user: { userId: string; spotifyId: string }) {
    const preview = await stageUpload(db, user, {
      fileName: "Streaming_History_Audio_2024.json",
      body: chunked(JSON.stringify(exportRows)),
      maxBytes: 10 * 1024 * 1024,
    });
    await startImport(db, user, preview.id);
    return preview.id;
  }

  /** Every chunk of the job by `worker` (already holding the lease), the catch-up not begun. */
  async function storeAllChunks(db: Database, importId: string, worker: string, now?: () => number) {
    for (let i = 0; i < 100; i++) {
      const outcome = await runChunk(db, importId, worker, { ...CHUNK, now });
      if (outcome !== "more") return outcome;
    }
    throw new Error("the job did not end");
  }

  const pending = async (db: Database, importId: string) =>
    (
      await db
        .select({ from: imports.statsFrom, to: imports.statsTo })
        .from(imports)
        .where(eq(imports.id, importId))
    )[0]!;

  it("counts an import's plays once they are in, beside recorded ones; /stats says so meanwhile", async () => {
    const { db } = store();
    const user = await person(db);
    await record(db, user.userId, recorded("2024-10-22T00:10:00Z", 60, 47 * MIN));
    const before = await expectRollupsEqualRaw(db, user.userId);
    const importId = await started(db, user);
    let now = Date.now();
    const clock = () => now;
    expect(await claimImport(db, "w1", { ...LEASE, importId, now: clock })).toBe(importId);
    expect(await runChunk(db, importId, "w1", { ...CHUNK, now: clock })).toBe("more");

    // The chunk's plays are stored, not counted yet, and /stats (and its API) says so.
    expect(await pending(db, importId)).toEqual({
      from: new Date("2024-10-20T05:00:00Z"),
      to: new Date(Date.parse("2024-10-20T05:00:00Z") + 24 * (2 * HOUR + 17 * MIN)),
    });
    expect((await rollupFigures(db, user.userId)).days).toEqual(before.days);
    expect(await statsCatchingUp(db, user.userId)).toBe(true);
    expect(await getImport(db, user, importId)).toMatchObject({ status: "running", statsPending: true });
    const during = await readStats(db, user.userId, { range: "all" }, Date.parse("2024-11-10T12:00:00Z"));
    expect(during.catchingUp).toBe(true);

    // A runner takes the job over: the rest of the chunks, then the catch-up in slices.
    now += 120_000;
    const ran = await runImportJob(db, { importId, workerId: "w2", ...CHUNK, ...SLICE, now: clock });
    expect(ran).toEqual({ importId, outcome: "done" });
    const after = await expectRollupsEqualRaw(db, user.userId);
    expect(after.tracks.reduce((n, t) => n + t.plays, 0)).toBe(160 + 60);
    expect(await pending(db, importId)).toEqual({ from: null, to: null });
    const [row] = await db.select().from(imports).where(eq(imports.id, importId));
    expect(row).toMatchObject({ status: "done", added: 160, leaseOwner: null, leaseUntil: null });
    expect(await statsCatchingUp(db, user.userId)).toBe(false);
    expect(await getImport(db, user, importId)).toMatchObject({ status: "done", statsPending: false });
    const done = await readStats(db, user.userId, { range: "all" }, Date.parse("2024-11-10T12:00:00Z"));
    expect(done.catchingUp).toBe(false);
    expect(done.totals.plays).toBe(220);
  });

  it("resumes a catch-up whose runner died halfway, and a slice run twice changes nothing", async () => {
    const { db } = store();
    const user = await person(db);
    const importId = await started(db, user);
    let now = Date.now();
    const clock = () => now;
    expect(await claimImport(db, "dead", { ...LEASE, importId, now: clock })).toBe(importId);
    // Each chunk a few seconds after the one before: the last one (which finds none left) renews the lease.
    let outcome;
    do {
      now += 5_000;
      outcome = await runChunk(db, importId, "dead", { ...CHUNK, now: clock });
    } while (outcome === "more");
    expect(outcome).toBe("done");
    const mark = await pending(db, importId);
    // The plays are in and the import is done; its runner keeps the lease for the catch-up, renewed.
    const [row] = await db.select().from(imports).where(eq(imports.id, importId));
    expect(row).toMatchObject({ status: "done", added: 160, leaseOwner: "dead" });
    expect(row!.leaseUntil).toEqual(new Date(now + CHUNK.leaseMs));
    expect(await catchUpSlice(db, importId, "dead", { ...SLICE, now: clock })).toBe("more");
    expect(await catchUpSlice(db, importId, "dead", { ...SLICE, now: clock })).toBe("more");
    expect(await getImport(db, user, importId)).toMatchObject({ status: "done", statsPending: true });
    const halfway = await pending(db, importId);
    expect(halfway.from!.getTime()).toBeGreaterThan(mark.from!.getTime());
    expect(halfway.to).toEqual(mark.to);

    // A recorder's insert meanwhile, in the middle of the span, counts at once.
    await record(db, user.userId, recorded("2024-10-27T01:05:00Z", 5, 31 * MIN));
    // As if the second slice's cursor had been lost in a crash: it runs again.
    await db.update(imports).set({ statsFrom: mark.from }).where(eq(imports.id, importId));

    // Nobody else takes it while the lease holds; once it runs out, another runner finishes it.
    expect(await claimImport(db, "other", { ...LEASE, now: clock })).toBeNull();
    expect(await statsCatchingUp(db, user.userId)).toBe(true);
    now += 120_000;
    expect(await orphanedImports(db, user.userId, new Date(now))).toEqual([importId]);
    expect(await runImportJob(db, { workerId: "other", ...SLICE, now: clock })).toEqual({
      importId,
      outcome: "done",
    });
    // The dead runner's late slice finds nothing left to do.
    expect(await catchUpSlice(db, importId, "dead", SLICE)).toBe("idle");
    const after = await expectRollupsEqualRaw(db, user.userId);
    expect(after.tracks.reduce((n, t) => n + t.plays, 0)).toBe(165);
    expect(await statsCatchingUp(db, user.userId)).toBe(false);
    expect(await orphanedImports(db, user.userId, new Date(now))).toEqual([]);
  });

  it("a slice whose lease went to another runner stops", async () => {
    const { db } = store();
    const user = await person(db);
    const importId = await started(db, user);
    expect(await claimImport(db, "w1", { ...LEASE, importId })).toBe(importId);
    expect(await storeAllChunks(db, importId, "w1")).toBe("done");
    await db.update(imports).set({ leaseOwner: "w2" }).where(eq(imports.id, importId));
    expect(await catchUpSlice(db, importId, "w1", SLICE)).toBe("lost");
    expect(await statsCatchingUp(db, user.userId)).toBe(true);
  });

  it("a catch-up that keeps failing is put off longer after each runner, and catches up once it can", async () => {
    const { db } = store();
    const user = await person(db);
    const importId = await started(db, user);
    let now = Date.now();
    const clock = () => now;
    expect(await claimImport(db, "w1", { ...LEASE, importId, now: clock })).toBe(importId);
    expect(await storeAllChunks(db, importId, "w1", clock)).toBe("done");
    // The rebuild itself fails (as a bug or a broken database would make it), every time.
    const signature = "earshot_stats_catch_up(uuid, timestamptz, timestamptz, int)";
    await db.execute(sql.raw(`ALTER FUNCTION ${signature} RENAME TO earshot_stats_catch_up_ok`));
    await db.execute(
      sql.raw(`CREATE FUNCTION ${signature} RETURNS timestamptz LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'the rebuild is broken'; END $$`),
    );
    let broken = true;
    const mend = async () => {
      await db.execute(sql.raw(`DROP FUNCTION ${signature}`));
      await db.execute(sql.raw(`ALTER FUNCTION earshot_stats_catch_up_ok RENAME TO earshot_stats_catch_up`));
      broken = false;
    };
    // Mended however the test ends: the file's tests share the database.
    onTestFinished(async () => {
      if (broken) await mend();
    });
    const runner = async (workerId: string) => {
      const lines: string[] = [];
      const ran = await runImportJob(db, { workerId, ...SLICE, now: clock, log: (line) => lines.push(line) });
      return { ran, lines };
    };
    const state = async () =>
      (
        await db
          .select({ failures: imports.statsFailures, owner: imports.leaseOwner, until: imports.leaseUntil })
          .from(imports)
          .where(eq(imports.id, importId))
      )[0]!;

    now += LEASE.leaseMs + 1_000;
    const first = await runner("w2");
    expect(
      first.lines.filter((line) => line.endsWith("stats catch-up failed: the rebuild is broken")),
    ).toHaveLength(3);
    expect(first.lines).toContain(`import ${importId}: stats catch-up retried in 60 s`);
    expect(await state()).toEqual({ failures: 1, owner: null, until: new Date(now + 60_000) });
    // Nobody takes it up, nor is it an orphan to kick, before its retry time; then it is.
    now += 59_000;
    expect(await claimImport(db, "w3", { ...LEASE, now: clock })).toBeNull();
    expect(await orphanedImports(db, user.userId, new Date(now))).toEqual([]);
    now += 2_000;
    expect(await orphanedImports(db, user.userId, new Date(now))).toEqual([importId]);
    await runner("w3");
    expect(await state()).toEqual({ failures: 2, owner: null, until: new Date(now + 120_000) });
    expect(await statsCatchingUp(db, user.userId)).toBe(true);

    // Mended: the next runner after the retry time catches up, and the count starts again.
    await mend();
    now += 121_000;
    expect((await runner("w4")).ran).toEqual({ importId, outcome: "done" });
    expect(await state()).toEqual({ failures: 0, owner: null, until: null });
    expect(await statsCatchingUp(db, user.userId)).toBe(false);
    await expectRollupsEqualRaw(db, user.userId);
  });

  it("cancelling a running job leaves rollups equal to raw plays and nothing pending", async () => {
    const { db } = store();
    const user = await person(db);
    await record(db, user.userId, recorded("2024-10-21T00:10:00Z", 40, 53 * MIN));
    const importId = await started(db, user);
    expect(await claimImport(db, "w1", { ...LEASE, importId })).toBe(importId);
    expect(await runChunk(db, importId, "w1", CHUNK)).toBe("more");
    expect(await runChunk(db, importId, "w1", CHUNK)).toBe("more");
    expect(await cancelImport(db, user, importId)).toMatchObject({ cancelRequested: true });
    expect(await runChunk(db, importId, "w1", CHUNK)).toBe("cancelled");
    const after = await expectRollupsEqualRaw(db, user.userId);
    expect(after.tracks.reduce((n, t) => n + t.plays, 0)).toBe(40);
    expect(await pending(db, importId)).toEqual({ from: null, to: null });
    expect(await statsCatchingUp(db, user.userId)).toBe(false);
  });

  it("undoing an import whose catch-up is halfway, or failing a job, leaves rollups equal to raw plays", async () => {
    const { db } = store();
    const user = await person(db);
    await record(db, user.userId, recorded("2024-10-23T00:10:00Z", 40, 53 * MIN));
    const importId = await started(db, user);
    expect(await claimImport(db, "w1", { ...LEASE, importId })).toBe(importId);
    expect(await storeAllChunks(db, importId, "w1")).toBe("done");
    expect(await catchUpSlice(db, importId, "w1", SLICE)).toBe("more");
    expect(await undoImport(db, user, importId)).toMatchObject({ status: "undone" });
    expect(await catchUpSlice(db, importId, "w1", SLICE)).toBe("idle");
    let after = await expectRollupsEqualRaw(db, user.userId);
    expect(after.tracks.reduce((n, t) => n + t.plays, 0)).toBe(40);
    expect(await statsCatchingUp(db, user.userId)).toBe(false);

    // A job given up after a few chunks (its plays removed, the reason kept).
    const again = await started(db, user);
    expect(await claimImport(db, "w2", { ...LEASE, importId: again })).toBe(again);
    expect(await runChunk(db, again, "w2", CHUNK)).toBe("more");
    expect(await runChunk(db, again, "w2", CHUNK)).toBe("more");
    await failImport(db, again, "gave up");
    after = await expectRollupsEqualRaw(db, user.userId);
    expect(after.tracks.reduce((n, t) => n + t.plays, 0)).toBe(40);
    expect(await statsCatchingUp(db, user.userId)).toBe(false);
  });

  it("only the job's own transaction defers: other inserts, before and after a chunk, are counted at once", async () => {
    const { db } = store();
    const user = await person(db);
    const other = await person(db, "other");
    const importId = await started(db, user);
    expect(await claimImport(db, "w1", { ...LEASE, importId })).toBe(importId);
    // Chunks on the pool's connections, with recordings of both people in between.
    for (let i = 0; i < 3; i++) {
      expect(await runChunk(db, importId, "w1", CHUNK)).toBe("more");
      await record(db, other.userId, recorded(`2024-10-2${i}T03:00:00Z`, 4, 20 * MIN));
      await record(db, user.userId, recorded(`2024-11-2${i}T03:00:00Z`, 4, 20 * MIN));
    }
    await expectRollupsEqualRaw(db, other.userId);
    // The person's recordings lie after the import's days: those days are current already.
    const [raw, rollup] = await Promise.all([rawFigures(db, user.userId), rollupFigures(db, user.userId)]);
    const late = (days: { day: string; plays: number }[]) => days.filter((d) => d.day >= "2024-11-01");
    expect(late(rollup.days)).toEqual(late(raw.days));
    expect(late(rollup.days).reduce((n, d) => n + d.plays, 0)).toBe(12);
    // A plain insert in a transaction of its own, too.
    await db.execute(sql`INSERT INTO plays (user_id, played_at, track_id, source)
      VALUES (${other.userId}::uuid, '2024-12-01T10:00:00Z', ${trackUri(100)}, 'recorded')`);
    await expectRollupsEqualRaw(db, other.userId);
  });
});
