// `npm run bench:store`: the store's own speed, on the embedded database and (when it answers) on
// PostgreSQL at TEST_DATABASE_URL.
// - cold start: opening an existing embedded data folder to the first answered query over the wire
//   (goal ≤ 1.5 s), median of 5; and the very first start, which creates the folder;
// - writes: plays per second through storePlays, in syncs of 50 plays (the recorder's size) and in
//   batches of 1,000 (an import's), each its own transaction.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "pg";
import { startEmbeddedDatabase } from "@/lib/db/embedded";
import { openTestDatabase, type StoreKind } from "@/lib/db/test-databases";
import { users } from "@/lib/db/schema";
import type { CatalogBatch } from "@/lib/history/catalog-rows";
import { storePlays } from "@/lib/history/store-plays";

async function coldStart() {
  const dataDir = mkdtempSync(join(tmpdir(), "earshot-bench-"));
  const timeToFirstQuery = async () => {
    const started = performance.now();
    const server = await startEmbeddedDatabase({ dataDir, port: 0 });
    const client = new Client({ connectionString: server.url });
    await client.connect();
    await client.query("select 1");
    const ms = performance.now() - started;
    await client.end();
    await server.close();
    return ms;
  };
  const first = await timeToFirstQuery();
  const runs = [];
  for (let i = 0; i < 5; i++) runs.push(await timeToFirstQuery());
  rmSync(dataDir, { recursive: true, force: true });
  runs.sort((a, b) => a - b);
  return {
    firstEverMs: Math.round(first),
    reopenMedianMs: Math.round(runs[2]!),
    reopenMaxMs: Math.round(runs[4]!),
  };
}

function batchOf(size: number, offset: number): CatalogBatch {
  const tracks = Array.from({ length: 200 }, (_, i) => ({
    id: `spotify:track:bench${i}`,
    title: `Track ${i}`,
    albumId: null,
    durationMs: 180_000,
    explicit: false,
    isLocal: false,
    url: null,
    artistIds: [`spotify:artist:bench${i % 40}`],
  }));
  const artists = Array.from({ length: 40 }, (_, i) => ({
    id: `spotify:artist:bench${i}`,
    name: `Artist ${i}`,
    url: null,
  }));
  const plays = Array.from({ length: size }, (_, i) => ({
    playedAt: new Date(Date.UTC(2020, 0, 1) + (offset + i) * 200_000),
    trackId: tracks[(offset + i) % 200]!.id,
    contextType: null,
    contextUri: null,
  }));
  const used = new Set(plays.map((p) => p.trackId));
  return { artists, albums: [], tracks: tracks.filter((t) => used.has(t.id)), plays };
}

async function writes(kind: StoreKind) {
  const store = await openTestDatabase(kind);
  try {
    const { db } = store;
    const [user] = await db
      .insert(users)
      .values({ clientId: "bench", spotifyId: "bench" })
      .returning({ id: users.id });
    const result: Record<string, number> = {};
    let offset = 0;
    for (const [label, size, batches] of [
      ["syncsOf50", 50, 60],
      ["batchesOf1000", 1000, 10],
    ] as const) {
      const started = performance.now();
      for (let b = 0; b < batches; b++) {
        const batch = batchOf(size, offset);
        offset += size;
        await db.transaction((tx) =>
          storePlays(tx, user!.id, batch, { windowPage: false, newestBefore: null }),
        );
      }
      result[`${label}PlaysPerSecond`] = Math.round(
        (size * batches) / ((performance.now() - started) / 1000),
      );
    }
    return result;
  } finally {
    await store.close();
  }
}

const report: Record<string, unknown> = {
  coldStart: await coldStart(),
  writes: { embedded: await writes("embedded") },
};
try {
  (report.writes as Record<string, unknown>).postgres = await writes("postgres");
} catch (error) {
  (report.writes as Record<string, unknown>).postgres = `skipped: ${(error as Error).message}`;
}
console.log(JSON.stringify(report, null, 2));
process.exit(0);
