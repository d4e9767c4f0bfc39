// `npm run bench:import`: the import of Spotify's data export, on the embedded database and (when it
// answers) on PostgreSQL at TEST_DATABASE_URL, in this process (the store's code path, not HTTP):
// - a generated Extended export of 250,000 rows in 10 overlapping files, zipped: read + stage +
//   preview, then the job; goal ≤ 20 s in all, peak RSS growth ≤ 250 MB. The job stores the plays
//   first (`storedSeconds`: the import is done, its plays in the history), then the stats rollups
//   catch up with them in the background (`catchUpSeconds`, /stats says so meanwhile); `seconds` is
//   both, and `counted` checks that the rollups count every stored play afterwards. The issue guessed "about
//   60 MB of JSON"; rows with every field Spotify writes (as the emulator's export and Spotify's own
//   have them) make 154 MB, so the bench reads more than the goal asked, not less;
// - the same export again: goal ≤ 10 s, adding 0;
// - the export of 1,000,000 plays: rows per second (goal ≥ 100,000), RSS while it streams;
// The embedded database runs in a child process (as the launcher runs it apart from Next.js), so the
// RSS figures are the importing process's own.
// - Spotify calls during the import: none can happen (no Spotify client is reachable from the import
//   code); the emulator is not even running here.
import { spawn } from "node:child_process";
import { loadavg } from "node:os";
import { sql } from "drizzle-orm";
import { createDatabase, type Database } from "@/lib/db/connection";
import { users } from "@/lib/db/schema";
import { openTestDatabase, type StoreKind } from "@/lib/db/test-databases";
import { exportHistory } from "@/lib/export/history-export";
import { refreshPlannerStats } from "@/lib/db/planner-stats";
import { runImportJob } from "@/lib/import/import-job";
import { stageUpload, startImport } from "@/lib/import/import-store";
import { chunked, generateExtendedExport, zipFiles } from "@/lib/import/test-exports";

const ROWS = Number(process.env.BENCH_IMPORT_ROWS || 250_000);
const EXPORT_PLAYS = Number(process.env.BENCH_EXPORT_PLAYS || 1_000_000);
const MB = 1024 * 1024;
/** Two cores shared with other work: every figure carries the 1-minute load average around it. */
const load = () => +loadavg()[0]!.toFixed(1);

function rssSampler() {
  const base = process.memoryUsage().rss;
  let peak = base;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  return {
    stop() {
      clearInterval(timer);
      peak = Math.max(peak, process.memoryUsage().rss);
      return Math.round((peak - base) / MB);
    },
  };
}

async function importOnce(db: Database, user: { userId: string; spotifyId: string }, zip: Uint8Array) {
  const loadBefore = load();
  const started = performance.now();
  const rss = rssSampler();
  const preview = await stageUpload(db, user, {
    fileName: "my_spotify_data.zip",
    body: chunked(zip),
    maxBytes: 1024 * MB,
  });
  const stagedAt = performance.now();
  await startImport(db, user, preview.id);
  let storedAt = Number.NaN;
  let loadStored = Number.NaN;
  const ran = await runImportJob(db, {
    importId: preview.id,
    onStored: () => {
      storedAt = performance.now();
      loadStored = load();
    },
  });
  const done = performance.now();
  const [row] = (await db.execute<{ added: number }>(sql`select added from imports where id = ${preview.id}`))
    .rows;
  const [counted] = (
    await db.execute<{ plays: number; counted: number }>(sql`
      select (select count(*) from plays where user_id = ${user.userId})::int as plays,
             (select coalesce(sum(plays), 0) from listening_days where user_id = ${user.userId})::int as counted`)
  ).rows;
  const seconds = (from: number, to: number) => +((to - from) / 1000).toFixed(1);
  return {
    seconds: seconds(started, done),
    readAndPreviewSeconds: seconds(started, stagedAt),
    storedSeconds: seconds(started, storedAt),
    jobSeconds: seconds(stagedAt, storedAt),
    catchUpSeconds: seconds(storedAt, done),
    counted: counted ? `${counted.counted} of ${counted.plays} plays` : null,
    rssGrowthMb: rss.stop(),
    plays: preview.plays,
    toAdd: preview.toAdd,
    added: row?.added ?? -1,
    outcome: ran?.outcome,
    load: [loadBefore, loadStored, load()],
  };
}

async function exportSpeed(db: Database, user: { userId: string; spotifyId: string }) {
  // Fill the store straight in SQL: this measures the export, not the import.
  await db.execute(
    sql`insert into tracks (id, title, duration_ms) select 'spotify:track:x' || g, 'Track ' || g, 200000 from generate_series(0, 4999) g on conflict do nothing`,
  );
  // The stats rollups' triggers (issue 12) would recompute every day of these plays, 2-3 minutes
  // that measure nothing here: the bench's own throwaway database fills without them (its owner may).
  await db.execute(sql`alter table plays disable trigger user`);
  await db.execute(sql`delete from plays where user_id = ${user.userId}`);
  for (let from = 0; from < EXPORT_PLAYS; from += 200_000) {
    await db.execute(sql`insert into plays (user_id, played_at, track_id, source)
      select ${user.userId}::uuid, timestamptz '2000-01-01' + g * interval '3 minutes', 'spotify:track:x' || (g % 5000), 'recorded'
        from generate_series(${from}::int, ${Math.min(EXPORT_PLAYS, from + 200_000) - 1}::int) g`);
  }
  await db.execute(sql`alter table plays enable trigger user`);
  // The app refreshes the planner's statistics after every import and undo (lib/db/planner-stats.ts);
  // plays poured in straight by SQL get the same.
  await refreshPlannerStats(db);
  const result: Record<string, unknown> = {};
  for (const format of ["json", "csv"] as const) {
    const loadBefore = load();
    const rss = rssSampler();
    const started = performance.now();
    let bytes = 0;
    for await (const piece of exportHistory(db, user, format)) bytes += piece.length;
    const seconds = (performance.now() - started) / 1000;
    result[format] = {
      rowsPerSecond: Math.round(EXPORT_PLAYS / seconds),
      seconds: +seconds.toFixed(1),
      mb: Math.round(bytes / MB),
      rssGrowthMb: rss.stop(),
      load: [loadBefore, load()],
    };
  }
  return result;
}

/**
 * The embedded database in a child process, as the launcher runs it apart from Next.js: the RSS
 * measured here is then the importing process's own, not PGlite's.
 */
async function embeddedInChild(): Promise<{ db: Database; close(): Promise<void> }> {
  const child = spawn(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "bench/import/embedded-server.ts"],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (data: Buffer) => {
      out += data.toString();
      const match = /URL (\S+)/.exec(out);
      if (match) resolve(match[1]!);
    });
    child.on("exit", (code) => reject(new Error(`the embedded database exited (${code})`)));
  });
  const { pool, db } = createDatabase(url);
  return {
    db,
    async close() {
      await pool.end();
      child.kill("SIGTERM");
    },
  };
}

async function bench(kind: StoreKind, zip: Uint8Array) {
  const store = kind === "embedded" ? await embeddedInChild() : await openTestDatabase(kind);
  try {
    const [row] = await store.db
      .insert(users)
      .values({ clientId: "bench", spotifyId: "bench" })
      .returning({ id: users.id });
    const user = { userId: row!.id, spotifyId: "bench" };
    const first = await importOnce(store.db, user, zip);
    console.log(kind, "import", first);
    const again = await importOnce(store.db, user, zip);
    console.log(kind, "re-import", again);
    // BENCH_EXPORT_PLAYS=0: the import only.
    const exported = EXPORT_PLAYS > 0 ? await exportSpeed(store.db, user) : null;
    console.log(kind, "export", exported);
    return { import: first, reimport: again, export: exported };
  } finally {
    await store.close();
  }
}

const generated = generateExtendedExport({ rows: ROWS });
const jsonBytes = Object.values(generated.files).reduce((sum, file) => sum + file.length, 0);
const zip = zipFiles(generated.files);
console.log(
  `export: ${ROWS.toLocaleString()} rows (${generated.plays.toLocaleString()} plays) in ${Object.keys(generated.files).length} files, ` +
    `${Math.round(jsonBytes / MB)} MB of JSON, ${Math.round(zip.length / MB)} MB zipped`,
);
const results: Record<string, unknown> = {};
for (const kind of (process.env.BENCH_STORES || "embedded,postgres").split(",") as StoreKind[]) {
  try {
    results[kind] = await bench(kind, zip);
  } catch (error) {
    console.error(`${kind}: ${(error as Error).message}`);
  }
}
console.log(JSON.stringify(results, null, 2));
process.exit(0);
