// Skipping per-row triggers for a bulk insert (row-triggers.ts), on both stores: where it is
// allowed, that the skip covers the insert it wraps and nothing after it however it ends, and that
// the plays' keys and triggers are the ones the import's own checks stand in for.
import { sql, TransactionRollbackError } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { STORE_KINDS } from "@/lib/db/test-databases";
import { storeForTests } from "@/lib/testing/store-for-tests";
import type { Queryable } from "./connection";
import { maySkipRowTriggers, withoutRowTriggers } from "./row-triggers";
import { users } from "./schema";

const role = async (db: Queryable) =>
  (await db.execute<{ role: string }>(sql`SELECT current_setting('session_replication_role') AS role`))
    .rows[0]?.role;

/** A play of a track the catalog does not have: only a skipped foreign key lets it in. */
const orphanPlay = (userId: string, at: string) =>
  sql`INSERT INTO plays (user_id, played_at, track_id) VALUES (${userId}::uuid, ${at}::timestamptz, 'spotify:track:nowhere')`;

describe.each(STORE_KINDS)("per-row triggers on the %s store", (kind) => {
  const store = storeForTests(kind);

  it("may be skipped on the embedded database only", async () => {
    expect(await maySkipRowTriggers(store().db)).toBe(kind === "embedded");
  });

  it("are skipped for the insert it wraps only, however that insert ends", async () => {
    const { db } = store();
    const [user] = await db.insert(users).values({ clientId: "demo", spotifyId: "rory" }).returning();
    const seen: { inserted?: number; roleAfter?: string; keysAfter?: unknown } = {};
    await db
      .transaction(async (tx) => {
        // Within: no key is checked (the caller's own checks stand in for them).
        const within = await withoutRowTriggers(tx, () =>
          tx.execute(orphanPlay(user!.id, "2024-03-01T12:00:00Z")),
        );
        seen.inserted = within.rowCount ?? 0;
        seen.roleAfter = await role(tx);
        // After it, in the same transaction, the keys hold again (a savepoint keeps the transaction).
        seen.keysAfter = await tx
          .transaction((inner) => inner.execute(orphanPlay(user!.id, "2024-03-01T13:00:00Z")))
          .then(
            () => "accepted",
            (error: Error) => error.cause ?? error,
          );
        tx.rollback();
      })
      .catch((error: unknown) => {
        if (!(error instanceof TransactionRollbackError)) throw error;
      });
    expect(seen.inserted).toBe(1);
    expect(seen.roleAfter).toBe("origin");
    expect(String(seen.keysAfter)).toMatch(/foreign key/);

    // An insert that throws in JavaScript, caught by a transaction that goes on and commits: the
    // triggers are on again for the rest of it, and after it.
    const inside = await db.transaction(async (tx) => {
      await withoutRowTriggers(tx, async () => {
        throw new Error("the batch was bad");
      }).catch(() => undefined);
      return role(tx);
    });
    expect(inside).toBe("origin");
    expect(await role(db)).toBe("origin");
    await expect(db.execute(orphanPlay(user!.id, "2024-03-01T14:00:00Z"))).rejects.toThrow();
    const left = await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM plays`);
    expect(left.rows[0]?.n).toBe(0);
  });

  it("of plays are the keys and triggers the import's own checks stand in for", async () => {
    // An import chunk inserts plays with these off (lib/import/import-store.ts, holdChunkReferences):
    // a new key, trigger or rule on plays must be weighed there first, and this test says so.
    const { db } = store();
    const keys = await db.execute<{ target: string }>(sql`
      SELECT confrelid::regclass::text AS target FROM pg_constraint
       WHERE conrelid = 'plays'::regclass AND contype = 'f' ORDER BY 1`);
    expect(keys.rows.map((row) => row.target)).toEqual(["imports", "tracks", "users"]);
    const triggers = await db.execute<{ name: string }>(sql`
      SELECT tgname AS name FROM pg_trigger WHERE tgrelid = 'plays'::regclass AND NOT tgisinternal ORDER BY 1`);
    expect(triggers.rows.map((row) => row.name)).toEqual([
      "plays_stats_delete",
      "plays_stats_insert",
      "plays_stats_truncate",
      "plays_stats_update",
    ]);
    const rules = await db.execute(sql`SELECT 1 FROM pg_rules WHERE tablename = 'plays'`);
    expect(rules.rows).toEqual([]);
  });
});
