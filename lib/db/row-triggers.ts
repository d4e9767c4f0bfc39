// Bulk inserts into the embedded database that skip PostgreSQL's per-row trigger work. Every
// foreign key is a trigger that, for each inserted row, looks the referenced row up and locks it
// (FOR KEY SHARE): an import's 200,000 plays make 600,000 such lookups, more than half of the plays'
// insert on the embedded database (bench:import, the plays of a 250,000-row export: 9.7 s with
// them, 5.5 s without, the caller's own checks included). A bulk insert that takes those locks
// itself, once per referenced row, and proves that every reference exists, may run there with
// `session_replication_role = replica`, which fires no ordinary trigger (the keys' checks, and the
// stats rollups' insert trigger, which the import defers anyway: migration 0007). The setting lasts
// until the end of the transaction at most, so a failure or a rollback cannot leave it behind.
//
// The embedded database only: it is one person's store, its one backend serves the app alone (as
// the superuser it runs as), and it runs one transaction at a time. On a server PostgreSQL the
// per-row checks stay: there the switch would need a superuser or a grant that lets a role ignore
// every table's keys and triggers, and each change of it clears the backend's cached plans.
// PostgreSQL's own per-row checks already meet the import's goal there.
import "server-only";
import { sql } from "drizzle-orm";
import type { Queryable } from "./connection";

/** Whether bulk inserts through this pool may skip per-row triggers; asked once per pool. */
const allowed = new WeakMap<object, Promise<boolean>>();

export function maySkipRowTriggers(db: Queryable): Promise<boolean> {
  let answer = allowed.get(db);
  if (!answer) {
    answer = isEmbeddedDatabase(db);
    allowed.set(db, answer);
    // A database that did not answer is asked again next time.
    answer.catch(() => allowed.delete(db));
  }
  return answer;
}

/** PGlite names itself in version(): "PostgreSQL 18.6 (PGlite 0.5.14) on wasm32-unknown-emscripten…". */
export async function isEmbeddedDatabase(db: Queryable): Promise<boolean> {
  const result = await db.execute<{ embedded: boolean }>(sql`SELECT version() LIKE '%(PGlite %' AS embedded`);
  return result.rows[0]?.embedded === true;
}

/**
 * Runs `insert` inside the caller's transaction `tx` with ordinary triggers off, then turns them on
 * again for the rest of the transaction, however `insert` ends. The caller must have checked and
 * locked every row the inserted rows reference.
 */
export async function withoutRowTriggers<T>(tx: Queryable, insert: () => Promise<T>): Promise<T> {
  await tx.execute(sql`SELECT set_config('session_replication_role', 'replica', true)`);
  try {
    return await insert();
  } finally {
    // In a transaction that a failed statement aborted this fails too (and the rollback resets the
    // setting): the insert's own error is the one to report.
    await tx
      .execute(sql`SELECT set_config('session_replication_role', 'origin', true)`)
      .catch(() => undefined);
  }
}
