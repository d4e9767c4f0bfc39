// `npm run bench:stats`: how fast the whole /stats data of one range comes out of a big store
// (bench/store/big-store.ts: 1,000,000 plays over ten years for one person, 10,000 for each of 50
// others, the person in Europe/Berlin), on PostgreSQL (TEST_DATABASE_URL, default the CI's) and on the
// embedded database. Times readStats (everything the page shows) per range, p50/p95 of 40 runs after
// 3 warm ones, and an artist's and a track's page; also what the rollups cost: seeding with them, a
// recorder's sync of 50 plays, undoing 1,000 imported plays, and rebuilding all after a zone change.
// It checks the rollups against raw plays (totals of the whole history) before timing anything.
// Besides wall-clock time it reports the CPU time of a request (serial), which other work on the
// machine does not inflate.
// Goals (issue 12), p95: all time ≤ 150 ms and 4 weeks ≤ 30 ms on PostgreSQL; ≤ 500 and ≤ 100 embedded.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { createDatabase } from "@/lib/db/connection";
import { sql } from "drizzle-orm";
import { openTestDatabase, type StoreKind, type TestDatabase } from "@/lib/db/test-databases";
import type { RangeQuery } from "@/lib/stats/ranges";
import { readStats } from "@/lib/stats/stats-queries";
import { readSubjectStats } from "@/lib/stats/subject-queries";
import { seedBigStore } from "./big-store";

const RUNS = 40;
const NOW = Date.parse("2026-11-28T12:00:00Z"); // the seeded history's end
const RANGES: Record<string, RangeQuery> = {
  all: { range: "all" },
  "4w": { range: "4w" },
  "6m": { range: "6m" },
  "12m": { range: "12m" },
  year: { range: "year", year: 2022 },
};

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;

async function time(run: () => Promise<unknown>, runs = RUNS) {
  for (let i = 0; i < 3; i++) await run();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await run();
    ms.push(performance.now() - started);
  }
  ms.sort((a, b) => a - b);
  return { p50: percentile(ms, 0.5), p95: percentile(ms, 0.95), max: ms.at(-1)! };
}

async function once(run: () => Promise<unknown>) {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

/** Whole-history totals from raw plays (the triggers' definition, without rollups) vs the rollups. */
async function checkAgainstRaw(store: TestDatabase, userId: string) {
  const { rows } = await store.db.execute<{
    raw_ms: number;
    raw_plays: number;
    ms: number;
    plays: number;
    week_ms: number;
    week_plays: number;
    album_ms: number;
    day_album_plays: number;
  }>(sql`
    WITH heard AS (
      SELECT greatest(0, least(86400000::bigint, coalesce(p.ms_played::bigint, least(t.duration_ms::bigint,
               coalesce(round(extract(epoch FROM p.played_at - lag(p.played_at) OVER (ORDER BY p.played_at)) * 1000)::bigint,
                        t.duration_ms::bigint))))) AS ms
        FROM plays p JOIN tracks t ON t.id = p.track_id WHERE p.user_id = ${userId})
    SELECT (SELECT sum(ms)::float8 FROM heard) AS raw_ms, (SELECT count(*)::int FROM heard) AS raw_plays,
           (SELECT sum(ms)::float8 FROM listening_hours WHERE user_id = ${userId}) AS ms,
           (SELECT sum(plays)::int FROM listening_hours WHERE user_id = ${userId}) AS plays,
           (SELECT sum(ms)::float8 FROM listening_week_hours WHERE user_id = ${userId}) AS week_ms,
           (SELECT sum(plays)::int FROM listening_week_hours WHERE user_id = ${userId}) AS week_plays,
           (SELECT sum(ms)::float8 FROM listening_albums WHERE user_id = ${userId}) AS album_ms,
           (SELECT sum(plays)::int FROM listening_day_albums WHERE user_id = ${userId}) AS day_album_plays`);
  const row = rows[0]!;
  // Every bench track has one artist and one album: their rollups hold the same totals.
  const alike =
    [row.week_ms, row.album_ms].every((ms) => ms === row.ms) &&
    [row.week_plays, row.day_album_plays].every((plays) => plays === row.plays);
  if (row.raw_ms !== row.ms || row.raw_plays !== row.plays || !alike) {
    throw new Error(`rollups differ from raw plays: ${JSON.stringify(row)}`);
  }
  console.log(
    `  rollups = raw: ${row.plays.toLocaleString("en")} plays, ${Math.round(row.ms / 3_600_000).toLocaleString("en")} hours`,
  );
}

/**
 * CPU time of one readStats, averaged over `runs` serial runs on one connection: this process's
 * (and, embedded, the database's, which runs in it) plus, on PostgreSQL, the server backend's (from
 * /proc, in clock ticks). Unlike wall-clock time, it does not grow when other work shares the cores.
 */
async function cpuPerRequest(
  store: TestDatabase,
  run: (db: TestDatabase["db"]) => Promise<unknown>,
  runs = 20,
) {
  const { db, pool } = createDatabase(store.url, 1);
  try {
    const backendTicks = async () => {
      if (store.kind !== "postgres") return 0;
      const { rows } = await db.execute<{ pid: number }>(sql`select pg_backend_pid() as pid`);
      const fields = readFileSync(`/proc/${rows[0]!.pid}/stat`, "utf8").split(") ")[1]!.split(" ");
      return Number(fields[11]) + Number(fields[12]); // utime + stime, in ticks (1/100 s)
    };
    for (let i = 0; i < 3; i++) await run(db);
    const ticksBefore = await backendTicks();
    const before = process.cpuUsage();
    for (let i = 0; i < runs; i++) await run(db);
    const used = process.cpuUsage(before);
    const serverMs = ((await backendTicks()) - ticksBefore) * 10;
    return { ms: ((used.user + used.system) / 1000 + serverMs) / runs };
  } finally {
    await pool.end();
  }
}

async function measure(kind: StoreKind) {
  console.log(`\n${kind}:`);
  const store = await openTestDatabase(kind);
  try {
    const seedStarted = performance.now();
    const { main } = await seedBigStore(store, { timeZone: "Europe/Berlin" });
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    await checkAgainstRaw(store, main);
    const sizes = await store.db.execute<Record<string, number>>(sql`
      SELECT (SELECT count(*) FROM listening_hours WHERE user_id = ${main})::int AS hours,
             (SELECT count(*) FROM listening_day_tracks WHERE user_id = ${main})::int AS day_tracks,
             (SELECT count(*) FROM listening_day_artists WHERE user_id = ${main})::int AS day_artists,
             (SELECT count(*) FROM listening_day_albums WHERE user_id = ${main})::int AS day_albums,
             (SELECT count(*) FROM listening_tracks WHERE user_id = ${main})::int AS tracks,
             (SELECT count(*) FROM listening_artists WHERE user_id = ${main})::int AS artists,
             (SELECT count(*) FROM listening_albums WHERE user_id = ${main})::int AS albums`);
    console.log(`  rollup rows of the person: ${JSON.stringify(sizes.rows[0])}`);

    // Figures mean little on a machine busy with other work: say how busy it was.
    const loadBefore = loadavg()[0]!;
    const ranges: Record<string, { p50: number; p95: number; max: number }> = {};
    for (const [name, query] of Object.entries(RANGES)) {
      ranges[name] = await time(() => readStats(store.db, main, query, NOW));
      console.log(
        `  ${name.padEnd(4)} p50 ${ranges[name].p50.toFixed(1)} ms  p95 ${ranges[name].p95.toFixed(1)} ms  max ${ranges[name].max.toFixed(1)} ms`,
      );
    }
    const cpu: Record<string, number> = {};
    for (const [name, query] of Object.entries(RANGES)) {
      cpu[name] = (await cpuPerRequest(store, (db) => readStats(db, main, query, NOW))).ms;
    }
    console.log(
      `  CPU per request (serial): ${Object.entries(cpu)
        .map(([name, ms]) => `${name} ${ms.toFixed(1)} ms`)
        .join(", ")}`,
    );
    const topArtist = (await readStats(store.db, main, { range: "all" }, NOW)).tops.artists.byPlays[0]!.id;
    const pages = {
      artist: await time(() => readSubjectStats(store.db, main, "artist", topArtist), RUNS / 2),
      track: await time(() => readSubjectStats(store.db, main, "track", "spotify:track:b0"), RUNS / 2),
    };
    console.log(
      `  artist page p95 ${pages.artist.p95.toFixed(1)} ms, track page p95 ${pages.track.p95.toFixed(1)} ms`,
    );

    const load = { before: loadBefore, after: loadavg()[0]! };
    console.log(`  load average (1 min) while timing: ${load.before.toFixed(1)} → ${load.after.toFixed(1)}`);

    // What keeping the rollups costs the writers.
    const sync = await once(() =>
      store.db.execute(sql`
        insert into plays (user_id, played_at, track_id, source)
        select ${main}::uuid, '2026-11-28T13:00:00Z'::timestamptz + g * interval '3 minutes', 'spotify:track:b' || (g * 7), 'recorded'
          from generate_series(1, 50) g`),
    );
    const undo = await once(() =>
      store.db.execute(sql`
        delete from plays where id in (select id from plays where user_id = ${main} and source = 'imported'
          and played_at >= '2018-01-01' order by played_at limit 1000)`),
    );
    await checkAgainstRaw(store, main);
    const rebuild = await once(() =>
      store.db.execute(sql`update users set time_zone = 'America/New_York' where id = ${main}`),
    );
    await checkAgainstRaw(store, main);
    const writes = { seedSeconds, sync50Ms: sync, undo1000Ms: undo, zoneRebuildMs: rebuild };
    console.log(
      `  seeding with rollups ${seedSeconds.toFixed(0)} s; a sync of 50 plays ${sync.toFixed(0)} ms; undoing 1,000 imported plays ${undo.toFixed(0)} ms; zone change (rebuild of 1M plays) ${(rebuild / 1000).toFixed(1)} s`,
    );
    return { ranges, cpu, pages, writes, load, rollupRows: sizes.rows[0] };
  } finally {
    await store.close();
  }
}

const GOALS = { postgres: { all: 150, "4w": 30 }, embedded: { all: 500, "4w": 100 } };

const kinds: StoreKind[] = process.argv.includes("--embedded-only")
  ? ["embedded"]
  : process.argv.includes("--postgres-only")
    ? ["postgres"]
    : ["postgres", "embedded"];
const report: Record<string, unknown> = {};
for (const kind of kinds) {
  const measured = await measure(kind);
  const goals = GOALS[kind];
  report[kind] = {
    ...measured,
    goals,
    met: Object.fromEntries(
      Object.entries(goals).map(([name, goal]) => [name, measured.ranges[name]!.p95 <= goal]),
    ),
  };
}
mkdirSync("bench/results", { recursive: true });
writeFileSync("bench/results/stats-speed.json", `${JSON.stringify(report, null, 2)}\n`);
console.log("\nwritten to bench/results/stats-speed.json");
process.exit(0);
