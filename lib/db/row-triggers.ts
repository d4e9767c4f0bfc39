// Bulk inserts that skip PostgreSQL's per-row trigger work. Every foreign key is a trigger that,
// for each inserted row, looks the referenced row up and locks it (FOR KEY SHARE): an import's
// 200,000 plays make 600,000 such lookups, more than half of the plays' insert on the embedded
// database (bench:import, the plays of a 250,000-row export: 9.7 s with them, 5.5 s without, the
// checks below included). A bulk insert that takes those locks itself, once per referenced row, and
// proves that every reference exists, may then run with `session_replication_role = replica`, which
// fires no ordinary trigger (the keys' checks, and the stats rollups' insert trigger, which the
// import defers anyway: migration 0007). The setting lasts until the end of the transaction, so
// a failure or a rollback cannot leave it behind on a pooled connection.
//
// Only a superuser (the embedded database's only role) or a role granted SET on the parameter
// (PostgreSQL 15 and later) may change it; for any other role the insert runs with the per-row
// checks, unchanged.
import "server-only";
import { sql } from "drizzle-orm";
import type { Queryable } from "./connection";

const UNDEFINED_FUNCTION = "42883";

/** Whether this connection's role may skip ordinary triggers; asked once per pool. */
const allowed = new WeakMap<object, Promise<boolean>>();

export function maySkipRowTriggers(db: Queryable): Promise<boolean> {
  let answer = allowed.get(db);
  if (!answer) {
    answer = canSetReplicationRole(db);
    allowed.set(db, answer);
    // A database that did not answer is asked again next time.
    answer.catch(() => allowed.delete(db));
  }
  return answer;
}

/** Asks the database (uncached): a transaction that switched role gets its own answer. */
export async function canSetReplicationRole(db: Queryable): Promise<boolean> {
  try {
    const result = await db.execute<{ allowed: boolean }>(
      sql`SELECT has_parameter_privilege('session_replication_role', 'SET') AS allowed`,
    );
    return result.rows[0]?.allowed === true;
  } catch (error) {
    // Before PostgreSQL 15 there is no such privilege (nor the function): a superuser only.
    // Drizzle wraps the driver's error ("Failed query: …"): the code is on its cause.
    const failed = error as { code?: string; cause?: { code?: string } };
    if ((failed.cause?.code ?? failed.code) !== UNDEFINED_FUNCTION) throw error;
    const result = await db.execute<{ allowed: boolean }>(
      sql`SELECT current_setting('is_superuser') = 'on' AS allowed`,
    );
    return result.rows[0]?.allowed === true;
  }
}

/**
 * Runs `insert` inside the caller's transaction `tx` with ordinary triggers off, then turns them on
 * again for the rest of the transaction. The caller must have checked and locked every row the
 * inserted rows reference; `tx` must be a transaction (the setting is local to it).
 */
export async function withoutRowTriggers<T>(tx: Queryable, insert: () => Promise<T>): Promise<T> {
  await tx.execute(sql`SELECT set_config('session_replication_role', 'replica', true)`);
  const result = await insert();
  await tx.execute(sql`SELECT set_config('session_replication_role', 'origin', true)`);
  return result;
}
