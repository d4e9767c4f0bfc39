// Skipping per-row triggers for a bulk insert (row-triggers.ts), on both stores: who may, that the
// skip covers the insert it wraps and nothing after it, and that it never outlives the transaction.
import { sql, TransactionRollbackError } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { STORE_KINDS } from "@/lib/db/test-databases";
import { storeForTests } from "@/lib/testing/store-for-tests";
import type { Queryable } from "./connection";
import { users } from "./schema";
import { canSetReplicationRole, maySkipRowTriggers, withoutRowTriggers } from "./row-triggers";

const role = async (db: Queryable) =>
  (await db.execute<{ role: string }>(sql`SELECT current_setting('session_replication_role') AS role`))
    .rows[0]?.role;

/** A play of a track the catalog does not have: only a skipped foreign key lets it in. */
const orphanPlay = (userId: string, at: string) =>
  sql`INSERT INTO plays (user_id, played_at, track_id) VALUES (${userId}::uuid, ${at}::timestamptz, 'spotify:track:nowhere')`;

describe.each(STORE_KINDS)("per-row triggers on the %s store", (kind) => {
  const store = storeForTests(kind);

  it("lets the test role skip them, and not a role without the privilege", async () => {
    const { db } = store();
    expect(await maySkipRowTriggers(db)).toBe(true);
    await db.execute(sql`DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'earshot_plain') THEN CREATE ROLE earshot_plain NOLOGIN; END IF;
    END $$`);
    // SET LOCAL: the role lasts until this (write-free) transaction ends.
    const plain = await db.transaction(async (tx) => {
      await tx.execute(sql`SET LOCAL ROLE earshot_plain`);
      return canSetReplicationRole(tx);
    });
    expect(plain).toBe(false);
  });

  it("skips the foreign keys of the insert it wraps only, and ends with the transaction", async () => {
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
    // A transaction that fails inside leaves nothing behind on the pooled connection.
    await expect(
      db.transaction(async (tx) => {
        await withoutRowTriggers(tx, async () => {
          throw new Error("the insert failed");
        });
      }),
    ).rejects.toThrow("the insert failed");
    expect(await role(db)).toBe("origin");
    await expect(db.execute(orphanPlay(user!.id, "2024-03-01T14:00:00Z"))).rejects.toThrow();
    const left = await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM plays`);
    expect(left.rows[0]?.n).toBe(0);
  });
});
