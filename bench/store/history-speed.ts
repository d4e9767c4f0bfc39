// `npm run bench:history`: how fast history pages come out of a big store, on the embedded database
// and on PostgreSQL (TEST_DATABASE_URL, default the CI's). Seeds 1,000,000 plays over ten years for
// one person and 10,000 for each of 50 others (bench/store/big-store.ts), then
// times GET /api/history's server-side work (getHistoryPage: cursor, page query, gaps) and prints
// p50/p95 per kind of query, with the plan (EXPLAIN) of each so that the index it uses is on record.
// Goals (issue 10), p95: first page and a page deep in 2019 ≤ 20 ms on PostgreSQL and ≤ 60 ms
// embedded; search ≤ 100 ms and ≤ 300 ms.
import { mkdirSync, writeFileSync } from "node:fs";
import { sql } from "drizzle-orm";
import { getConfig } from "@/lib/config";
import { openTestDatabase, type StoreKind, type TestDatabase } from "@/lib/db/test-databases";
import { encodeCursor } from "@/lib/history/history-cursor";
import { type HistoryFilters, historyPageQuery } from "@/lib/history/history-page";
import { getHistoryPage, type HistoryRequest } from "@/lib/history/history-service";
import { seedBigStore } from "./big-store";

const RUNS = 60;

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;

async function time(run: () => Promise<unknown>, runs = RUNS) {
  for (let i = 0; i < 3; i++) await run(); // warm: plans and pages cached, as in a running app
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await run();
    ms.push(performance.now() - started);
  }
  ms.sort((a, b) => a - b);
  return { p50: percentile(ms, 0.5), p95: percentile(ms, 0.95), max: ms.at(-1)! };
}

/** The plan's scan lines (which index each step reads), for the record. */
async function plan(
  store: TestDatabase,
  userId: string,
  filters: HistoryFilters,
  after: { playedAt: string; id: string } | null,
) {
  const result = await store.db.execute<{ "QUERY PLAN": string }>(
    sql`explain ${historyPageQuery(userId, { filters, after, limit: 50 })}`,
  );
  return result.rows
    .map((row) => row["QUERY PLAN"])
    .filter((line) => /Scan|Join|Nested Loop|Limit|Sort|Merge/.test(line) && !/SubPlan/.test(line))
    .map((line) => line.replace(/\s+\(cost=.*$/, "").trimEnd());
}

async function measure(kind: StoreKind) {
  console.log(`\n${kind}:`);
  const store = await openTestDatabase(kind);
  try {
    const { main } = await seedBigStore(store);
    const user = { userId: main, recordingPaused: false };
    const page = (request: Partial<HistoryRequest>) =>
      getHistoryPage(user, { limit: 50, ...request }, store.db);

    const [deep] = (
      await store.db.execute<{ id: string; played_at: string }>(sql`
        select id::text as id, to_char(played_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as played_at
          from plays where user_id = ${main} and played_at < '2019-06-15T12:00:00Z'
         order by played_at desc limit 1`)
    ).rows;
    const deepPosition = { playedAt: deep!.played_at, id: deep!.id };
    const deepCursor = encodeCursor(deepPosition, main, getConfig().auth.secret);
    const searches = [
      "love",
      "beyonce",
      "sigur ros",
      "naive",
      "creme brulee",
      "midnight dance",
      "bjork",
      "nothing-matches",
    ];

    const results = {
      firstPage: await time(() => page({})),
      deep2019: await time(() => page({ cursor: deepCursor })),
      search: await (async () => {
        const all: number[] = [];
        for (const q of searches) {
          const t = await time(() => page({ q }), Math.ceil(RUNS / 4));
          all.push(t.p95);
        }
        // p95 of each search's p95: the slowest searches dominate.
        all.sort((a, b) => a - b);
        return { p50: percentile(all, 0.5), p95: percentile(all, 0.95), max: all.at(-1)! };
      })(),
      searchDeep: await (async () => {
        const first = await page({ q: "love" });
        return time(() => page({ q: "love", cursor: first.nextCursor! }), Math.ceil(RUNS / 2));
      })(),
      artistFilter: await time(() => page({ artist: "spotify:artist:b0" }), Math.ceil(RUNS / 2)),
      dateRange: await time(
        () => page({ from: new Date("2019-03-01T00:00:00Z"), to: new Date("2019-04-01T00:00:00Z") }),
        Math.ceil(RUNS / 2),
      ),
    };
    const plans = {
      firstPage: await plan(store, main, {}, null),
      deep2019: await plan(store, main, {}, deepPosition),
      search: await plan(store, main, { q: "beyonce" }, null),
      searchCommon: await plan(store, main, { q: "love" }, null),
    };
    const sample = await page({ q: "beyonce" });
    if (sample.plays.length === 0) throw new Error("the search found nothing: the seed is wrong");
    for (const [name, value] of Object.entries(results)) {
      console.log(
        `  ${name.padEnd(13)} p50 ${value.p50.toFixed(1)} ms  p95 ${value.p95.toFixed(1)} ms  max ${value.max.toFixed(1)} ms`,
      );
    }
    for (const [name, lines] of Object.entries(plans))
      console.log(`  EXPLAIN ${name}:\n    ${lines.join("\n    ")}`);
    return { results, plans };
  } finally {
    await store.close();
  }
}

const GOALS = {
  postgres: { firstPage: 20, deep2019: 20, search: 100 },
  embedded: { firstPage: 60, deep2019: 60, search: 300 },
};

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
      Object.entries(goals).map(([name, goal]) => [
        name,
        measured.results[name as keyof typeof goals].p95 <= goal,
      ]),
    ),
  };
}
mkdirSync("bench/results", { recursive: true });
writeFileSync("bench/results/history-speed.json", `${JSON.stringify(report, null, 2)}\n`);
console.log("\nwritten to bench/results/history-speed.json");
process.exit(0);
