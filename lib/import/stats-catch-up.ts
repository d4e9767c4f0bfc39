// The stats rollups catch up after an import (issue 11). The job's chunks write plays without the
// rollups' insert trigger (migration 0007_import_stats_catch_up) and widen the import's pending span
// (`imports.stats_from`/`stats_to`) in the same transaction; once the plays are in, the span's days
// are rebuilt here in slices, each its own short transaction that also moves `stats_from` on, so the
// embedded database (one transaction at a time) keeps answering the dashboard in between, and a
// runner that dies mid-way leaves the mark for whoever claims the import next (import-job.ts).
// Rebuilding a day is absolute (from raw plays), so a slice run twice changes nothing.
import "server-only";
import { and, eq, isNotNull, sql } from "drizzle-orm";
import type { Database, Queryable } from "@/lib/db/connection";
import { imports } from "@/lib/db/schema";

/**
 * Plays per catch-up slice (about two weeks of the bench's dense history). The embedded database
 * runs one transaction at a time, so a slice must stay as short as a job's chunk: 10,000 plays held
 * it 1.3-1.6 s in bench:import, 5,000 about half that, for about the same catch-up in all.
 */
export const CATCH_UP_PLAYS = 5_000;

/** "idle": nothing was pending (the import added no plays, or was undone meanwhile). */
export type CatchUpOutcome = "more" | "done" | "idle" | "lost";

/**
 * One slice of `importId`'s catch-up, in one transaction. `workerId` must hold the import's lease,
 * which the slice extends by `leaseMs`; "done" when it rebuilt the last days pending.
 */
export async function catchUpSlice(
  db: Database,
  importId: string,
  workerId: string,
  options: { leaseMs: number; slicePlays?: number; now?: () => number },
): Promise<CatchUpOutcome> {
  const now = options.now ?? Date.now;
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(imports).where(eq(imports.id, importId)).for("update");
    // Undone, failed or cancelled meanwhile: its plays' removal recomputed their days already.
    if (!row?.statsFrom || !row.statsTo) return "idle";
    if (row.leaseOwner !== workerId) return "lost";
    const [next] = (
      await tx.execute<{ next: string | null }>(sql`
        SELECT earshot_stats_catch_up(${row.userId}::uuid, ${row.statsFrom}::timestamptz,
                                      ${row.statsTo}::timestamptz, ${options.slicePlays ?? CATCH_UP_PLAYS}::int) AS next`)
    ).rows;
    const more = next?.next != null;
    await tx
      .update(imports)
      .set(
        more
          ? {
              statsFrom: new Date(next!.next!),
              leaseUntil: new Date(now() + options.leaseMs),
              statsFailures: 0,
            }
          : // Caught up: the import is only a record now, and no runner's any longer.
            { statsFrom: null, statsTo: null, leaseOwner: null, leaseUntil: null, statsFailures: 0 },
      )
      .where(eq(imports.id, importId));
    return more ? "more" : "done";
  });
}

/** Whether the person's stats are still catching up with an import (its plays are not all counted). */
export async function statsCatchingUp(db: Queryable, userId: string): Promise<boolean> {
  const rows = await db
    .select({ id: imports.id })
    .from(imports)
    .where(and(eq(imports.userId, userId), isNotNull(imports.statsFrom)))
    .limit(1);
  return rows.length > 0;
}
