// The query planner's statistics, refreshed after bulk writes. PostgreSQL's autovacuum gets to them
// eventually; PGlite (the embedded store) has no autovacuum at all, so without this its tables are
// never analyzed. Without statistics the planner guesses, and guesses badly for one person's
// millions of plays: an export of 1,000,000 plays ran at 39,000 rows/s on PostgreSQL and 25,000
// embedded before ANALYZE, 176,000 and 157,000 after.
import { sql } from "drizzle-orm";
import { Client } from "pg";
import type { Queryable } from "./connection";

/** The tables an import, an undo or a large sync changes in bulk. */
export async function refreshPlannerStats(db: Queryable): Promise<void> {
  await db.execute(sql`ANALYZE plays, tracks, track_artists, artists, albums, coverage_gaps`);
}

/**
 * The stats rollups (migrations 0004, 0005), after an import's catch-up rebuilt their days in bulk
 * (lib/import/import-job.ts).
 */
export async function refreshRollupPlannerStats(db: Queryable): Promise<void> {
  await db.execute(sql`ANALYZE listening_hours, listening_days, listening_day_tracks, listening_tracks,
    listening_day_artists, listening_artists, listening_day_albums, listening_albums, listening_week_hours`);
}

/**
 * Every table of the database at `url` (the launcher, at start of the embedded store). The stats'
 * day rollups are vacuumed too: a range is read by an index-only scan, which skips the heap only on
 * pages marked all-visible, and only VACUUM marks them (autovacuum does it on PostgreSQL).
 */
export async function analyzeDatabase(url: string): Promise<void> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    await client.query("ANALYZE");
    await client.query("VACUUM listening_day_tracks, listening_day_artists, listening_day_albums");
  } finally {
    await client.end().catch(() => undefined);
  }
}
