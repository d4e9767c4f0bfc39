// `npm run bench:history`: how fast history pages come out of a big store, on the embedded database
// and on PostgreSQL (TEST_DATABASE_URL, default the CI's). Seeds 1,000,000 plays over ten years for
// one person and 10,000 for each of 50 others (30,000 tracks, Zipf-like: a few played a lot), then
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

const MAIN_PLAYS = 1_000_000;
const OTHERS = 50;
const OTHER_PLAYS = 10_000;
const TRACKS = 30_000;
const ARTISTS = 3_000;
const ALBUMS = 6_000;
const START = "2016-11-28T00:00:00Z";
const YEARS = 10;
const RUNS = 60;

// Names with the accents and words that people search for; the rest are made of these words.
const ARTIST_NAMES = [
  "Beyoncé",
  "Sigur Rós",
  "Björk",
  "Motörhead",
  "Café Tacvba",
  "Mø",
  "Rosalía",
  "Daft Punk",
];
const WORDS =
  "love night blue heart fire dream light rain summer city gold river shadow dance song wild home moon star road sky girl boy time world sweet lonely electric golden broken velvet paper silver neon ocean midnight morning holy young slow fast naïve café señor über déjà vu crème brûlée".split(
    " ",
  );

/** A deterministic pseudo-random generator, so that every run seeds the same store. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

function name(next: () => number, words: number): string {
  return Array.from({ length: words }, () => {
    const word = WORDS[Math.floor(next() * WORDS.length)]!;
    return word[0]!.toUpperCase() + word.slice(1);
  }).join(" ");
}

async function insertRows(db: TestDatabase["db"], table: string, columns: string[], rows: unknown[][]) {
  for (let start = 0; start < rows.length; start += 1_000) {
    const chunk = rows.slice(start, start + 1_000);
    const values = sql.join(
      chunk.map(
        (row) =>
          sql`(${sql.join(
            row.map((value) => sql`${value}`),
            sql`, `,
          )})`,
      ),
      sql`, `,
    );
    await db.execute(
      sql`insert into ${sql.identifier(table)} (${sql.raw(columns.join(", "))}) values ${values}`,
    );
  }
}

async function seed(store: TestDatabase): Promise<{ main: string }> {
  const { db } = store;
  const next = random(42);
  const started = performance.now();
  await insertRows(
    db,
    "artists",
    ["id", "name"],
    Array.from({ length: ARTISTS }, (_, i) => [`spotify:artist:b${i}`, ARTIST_NAMES[i] ?? name(next, 2)]),
  );
  await insertRows(
    db,
    "albums",
    ["id", "name", "image_small"],
    Array.from({ length: ALBUMS }, (_, i) => [
      `spotify:album:b${i}`,
      name(next, 1 + Math.floor(next() * 3)),
      null,
    ]),
  );
  await insertRows(
    db,
    "tracks",
    ["id", "title", "album_id", "duration_ms"],
    Array.from({ length: TRACKS }, (_, i) => [
      `spotify:track:b${i}`,
      name(next, 1 + Math.floor(next() * 4)),
      `spotify:album:b${i % ALBUMS}`,
      150_000 + Math.floor(next() * 120_000),
    ]),
  );
  // Artists are Zipf-like too: low ids get many tracks (track i's artist is i's square root, scaled).
  await db.execute(sql`
    insert into track_artists (track_id, position, artist_id)
    select 'spotify:track:b' || g, 0, 'spotify:artist:b' || floor(sqrt(g::float8 / ${TRACKS}) * ${ARTISTS})::int
      from generate_series(0, ${TRACKS - 1}::int) g`);
  await db.execute(sql`
    update tracks t set search_text = earshot_fold(concat_ws(' ', t.title,
      (select string_agg(a.name, ' ') from track_artists ta join artists a on a.id = ta.artist_id where ta.track_id = t.id),
      (select al.name from albums al where al.id = t.album_id)))`);

  const people = await db.execute<{ id: string }>(sql`
    insert into users (client_id, spotify_id)
    select 'earshot-demo', 'bench' || g from generate_series(0, ${OTHERS}::int) g
    returning id`);
  const [main, ...others] = people.rows.map((row) => row.id);
  const spanSeconds = YEARS * 365.25 * 86_400;
  // Plays in chunks, so that neither store holds one enormous transaction. Track choice is skewed
  // (power of a uniform draw); imports are the older 40 %.
  const playChunk = async (user: string, from: number, to: number, total: number) => {
    await db.execute(sql`
      insert into plays (user_id, played_at, track_id, source, ms_played)
      select ${user}::uuid,
             ${START}::timestamptz + (g * ${spanSeconds / total}::float8 + random() * 30) * interval '1 second',
             'spotify:track:b' || floor(power(random(), 2.5) * ${TRACKS}::int)::int,
             case when g < ${Math.floor(total * 0.4)}::int then 'imported' else 'recorded' end,
             case when g < ${Math.floor(total * 0.4)}::int then 30000 + floor(random() * 200000)::int end
        from generate_series(${from}::int, ${to - 1}::int) g`);
  };
  await db.execute(sql`select setseed(0.42)`);
  for (let from = 0; from < MAIN_PLAYS; from += 100_000) {
    await playChunk(main!, from, Math.min(MAIN_PLAYS, from + 100_000), MAIN_PLAYS);
  }
  for (const other of others) await playChunk(other, 0, OTHER_PLAYS, OTHER_PLAYS);
  // A few hundred gaps, as a recorder that was often away would leave.
  await db.execute(sql`
    insert into coverage_gaps (user_id, from_at, to_at)
    select ${main!}::uuid, ${START}::timestamptz + g * interval '7 days', ${START}::timestamptz + g * interval '7 days' + interval '3 hours'
      from generate_series(1, 300) g`);
  await db.execute(sql`analyze`);
  console.log(`  seeded in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  return { main: main! };
}

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
    const { main } = await seed(store);
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
