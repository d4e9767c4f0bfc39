// Database tests run against both stores Earshot supports: the embedded one (PGlite, served over the
// wire protocol exactly as the launcher does) and a real PostgreSQL (TEST_DATABASE_URL, default the
// CI's postgres://postgres@127.0.0.1:5432/test). Each test file gets a database of its own, migrated.
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { Client } from "pg";
import { createDatabase, type Database } from "./connection";
import { startEmbeddedDatabase } from "./embedded";
import { migrateDatabase } from "./migrate";

export const STORE_KINDS = ["embedded", "postgres"] as const;
export type StoreKind = (typeof STORE_KINDS)[number];

export type TestDatabase = { kind: StoreKind; url: string; db: Database; close(): Promise<void> };

const ADMIN_URL = process.env.TEST_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/test";

/** `migrationsFolder`: another set of migrations than the app's (a test of one migration's data). */
export async function openTestDatabase(
  kind: StoreKind,
  options: { migrationsFolder?: string } = {},
): Promise<TestDatabase> {
  if (kind === "embedded") {
    const server = await startEmbeddedDatabase({ dataDir: "memory://", port: 0 });
    await migrateDatabase(server.url, options.migrationsFolder);
    const { pool, db } = createDatabase(server.url);
    return {
      kind,
      url: server.url,
      db,
      async close() {
        await pool.end();
        await server.close();
      },
    };
  }
  const name = `earshot_test_${randomBytes(6).toString("hex")}`;
  const admin = new Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 5_000 });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(
      `PostgreSQL is not reachable at ${ADMIN_URL} (${(error as Error).message}); database tests run against ` +
        "both stores. Start it (bash .ci/run does) or set TEST_DATABASE_URL.",
    );
  }
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  await migrateDatabase(url.toString(), options.migrationsFolder);
  const { pool, db } = createDatabase(url.toString());
  return {
    kind,
    url: url.toString(),
    db,
    async close() {
      await pool.end();
      const cleanup = new Client({ connectionString: ADMIN_URL });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

/** Empties every table between tests (the schema stays). */
export async function truncateAll(db: Database): Promise<void> {
  // One statement: the order of foreign keys does not matter with CASCADE.
  await db.execute(
    sql.raw(
      "truncate users, spotify_tokens, sessions, plays, coverage_gaps, sync_state, sync_runs, imports, import_rows, import_tracks, " +
        "track_artists, tracks, albums, artists restart identity cascade",
    ),
  );
}
