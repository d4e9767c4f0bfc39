// Migrations that move data, on both stores: the database is migrated up to the one before, given
// rows as that schema held them, then migrated to the end.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { MIGRATIONS_FOLDER, migrateDatabase } from "./migrate";
import { openTestDatabase, STORE_KINDS } from "./test-databases";

/** A copy of the app's migrations that ends before `tag`. */
function migrationsBefore(tag: string): string {
  const folder = mkdtempSync(join(tmpdir(), "earshot-migrations-"));
  cpSync(MIGRATIONS_FOLDER, folder, { recursive: true });
  const journalFile = join(folder, "meta", "_journal.json");
  const journal = JSON.parse(readFileSync(journalFile, "utf8")) as { entries: { tag: string }[] };
  const at = journal.entries.findIndex((entry) => entry.tag === tag);
  if (at < 0) throw new Error(`no migration ${tag}`);
  journal.entries = journal.entries.slice(0, at);
  writeFileSync(journalFile, JSON.stringify(journal));
  return folder;
}

describe.each(STORE_KINDS)("migrations on the %s store", (kind) => {
  it("0008 keeps the names of uploads staged before it, one row per track from its first play", async () => {
    const folder = migrationsBefore("0008_import_tracks");
    const store = await openTestDatabase(kind, { migrationsFolder: folder });
    try {
      const { db } = store;
      await db.execute(sql`
        WITH u AS (INSERT INTO users (client_id, spotify_id) VALUES ('demo', 'rory') RETURNING id),
        i AS (INSERT INTO imports (id, user_id, file_name, status)
              SELECT '11111111-1111-4111-8111-111111111111', id, 'my_spotify_data.zip', 'running' FROM u)
        INSERT INTO import_rows (import_id, played_at, ms_played, track_id, track_uri, title, artist_name, album_name)
        VALUES ('11111111-1111-4111-8111-111111111111', '2024-03-01T12:00:00Z', 200000, 'spotify:track:a', 'spotify:track:a', 'Old Name', 'Artist', 'Album'),
               ('11111111-1111-4111-8111-111111111111', '2024-03-02T12:00:00Z', 200000, 'spotify:track:a', 'spotify:track:a', 'New Name', 'Artist', 'Album'),
               ('11111111-1111-4111-8111-111111111111', '2024-03-03T12:00:00Z', 60000, 'earshot:x', NULL, 'Song', NULL, NULL)`);
      await migrateDatabase(store.url);
      const tracks = await db.execute(
        sql`SELECT track_id, track_uri, title, artist_name, album_name FROM import_tracks ORDER BY track_id`,
      );
      expect(tracks.rows).toEqual([
        { track_id: "earshot:x", track_uri: null, title: "Song", artist_name: null, album_name: null },
        {
          track_id: "spotify:track:a",
          track_uri: "spotify:track:a",
          title: "Old Name",
          artist_name: "Artist",
          album_name: "Album",
        },
      ]);
      const rows = await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM import_rows`);
      expect(rows.rows[0]?.n).toBe(3);
    } finally {
      await store.close();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
