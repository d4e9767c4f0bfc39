// The benchmarks' big store, seeded in SQL: 1,000,000 plays over ten years for one person and
// 10,000 for each of 50 others (30,000 tracks, Zipf-like: a few played a lot), with accented names
// that people search for, imports as the older 40 %, and a few hundred coverage gaps. Shared by
// bench:history and bench:stats. The stats rollups are kept by the plays' triggers as they go in.
import { sql } from "drizzle-orm";
import type { TestDatabase } from "@/lib/db/test-databases";

export const MAIN_PLAYS = 1_000_000;
export const OTHERS = 50;
export const OTHER_PLAYS = 10_000;
export const TRACKS = 30_000;
export const ARTISTS = 3_000;
export const ALBUMS = 6_000;
export const START = "2016-11-28T00:00:00Z";
export const YEARS = 10;

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

export async function seedBigStore(
  store: TestDatabase,
  options: { timeZone?: string } = {},
): Promise<{ main: string; others: string[] }> {
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
    insert into users (client_id, spotify_id, time_zone)
    select 'earshot-demo', 'bench' || g, ${options.timeZone ?? null}::text from generate_series(0, ${OTHERS}::int) g
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
  // As autovacuum would have by then: the rollups' churn while seeding leaves dead rows behind.
  await db.execute(sql`vacuum analyze`);
  console.log(`  seeded in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  return { main: main!, others: others };
}
