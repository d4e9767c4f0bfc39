// The import job's runner: claims an import with work left (a lease, like the recorder's), runs its
// chunks until it is done, cancelled or its lease is lost, extending the lease with every chunk, then
// lets the stats rollups catch up with the plays it wrote (stats-catch-up.ts), slice by slice under
// the same lease. The start route runs it in the app's process right after answering; the recorder's
// process (scripts/worker.ts) and the status routes pick up any import whose lease ran out, so a job
// or a catch-up cut off by a crash or a restart resumes at its cursor (a chunk or slice re-run adds
// nothing). No Spotify call.
import "server-only";
import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { type Database, rootMessage } from "@/lib/db/connection";
import { refreshPlannerStats, refreshRollupPlannerStats } from "@/lib/db/planner-stats";
import { imports } from "@/lib/db/schema";
import { playChanges } from "@/lib/shared/play-changes";
import { type ChunkOutcome, claimImport, failImport, runChunk } from "./import-store";
import { catchUpSlice } from "./stats-catch-up";

export type ImportRunnerOptions = {
  workerId?: string;
  leaseMs?: number;
  chunkRows?: number;
  /** How the plays' keys are checked (runChunk): per chunk on the embedded database, unless "per-row". */
  rowChecks?: "per-chunk" | "per-row";
  /** Plays per stats catch-up slice (stats-catch-up.ts). */
  slicePlays?: number;
  now?: () => number;
  log?: (line: string) => void;
  /** Called once the import's plays are all stored, before its stats catch up (bench:import). */
  onStored?: () => void;
};

/** How long a runner's claim holds without a finished chunk. */
export const IMPORT_LEASE_MS = 30_000;

/** Jobs this process is running, so that one process never runs the same import twice. */
const running = new Set<string>();

/** Runs `importId` (or any running import whose runner is gone) to its end; false if none was free. */
export async function runImportJob(
  db: Database,
  options: ImportRunnerOptions & { importId?: string } = {},
): Promise<{ importId: string; outcome: Exclude<ChunkOutcome, "more"> | "failed" } | null> {
  const workerId = options.workerId ?? `import-${process.pid}-${randomUUID().slice(0, 8)}`;
  const leaseMs = options.leaseMs ?? IMPORT_LEASE_MS;
  if (options.importId && running.has(options.importId)) return null;
  const importId = await claimImport(db, workerId, { leaseMs, importId: options.importId, now: options.now });
  if (!importId || running.has(importId)) return null;
  running.add(importId);
  // Open history pages learn of each chunk's plays (lib/shared/play-changes).
  const [owner] = await db
    .select({ userId: imports.userId, status: imports.status })
    .from(imports)
    .where(eq(imports.id, importId));
  const changed = () => (owner ? playChanges().changed(owner.userId) : Promise.resolve());
  let failures = 0;
  let chunks = 0;
  try {
    // A finished import claimed again (its runner died during the stats catch-up) has no chunks left.
    while (owner?.status === "running") {
      let outcome: ChunkOutcome;
      try {
        outcome = await runChunk(db, importId, workerId, {
          leaseMs,
          chunkRows: options.chunkRows,
          rowChecks: options.rowChecks,
          now: options.now,
        });
        failures = 0;
        await changed();
        // The person's plays grow by a chunk at a time, from nothing perhaps: the planner's idea of
        // them goes stale fast. Refresh it after chunks 1, 2, 4, 8, … (a few times per import).
        chunks++;
        // A failure here only costs speed: never the chunk.
        if (outcome === "more" && (chunks & (chunks - 1)) === 0) {
          await db.execute(sql`ANALYZE plays`).catch(() => undefined);
        }
      } catch (error) {
        // A chunk that fails rolls back whole; try it again a couple of times (a restarting
        // database), then give the import up: its plays are removed and the reason kept.
        options.log?.(`import ${importId}: chunk failed: ${(error as Error).message}`);
        if (++failures < 3) {
          await new Promise((resolve) => setTimeout(resolve, 500 * failures));
          continue;
        }
        await failImport(db, importId, "The import failed while writing plays; nothing of it was kept.");
        await changed();
        return { importId, outcome: "failed" };
      }
      if (outcome !== "more") {
        options.log?.(`import ${importId}: ${outcome}`);
        // Thousands of plays came (or went) at once: the planner's statistics are stale (the
        // catch-up below reads those plays by the thousand too).
        await refreshPlannerStats(db).catch((error: unknown) =>
          options.log?.(
            `import ${importId}: could not refresh planner statistics: ${(error as Error).message}`,
          ),
        );
        if (outcome !== "done") return { importId, outcome };
        options.onStored?.();
        break;
      }
    }
    await catchUp(db, importId, workerId, { ...options, leaseMs });
    return { importId, outcome: "done" };
  } finally {
    running.delete(importId);
  }
}

/** After a runner's catch-up failed: the first retry waits this long, each next one twice as long. */
export const CATCH_UP_RETRY_MS = 60_000;
/** The longest wait between two runners' tries at a failing catch-up. */
export const CATCH_UP_RETRY_MAX_MS = 60 * 60_000;

/**
 * The stats rollups catch up with a finished import, a slice at a time. A slice that keeps failing
 * leaves the import's plays as they are (they are stored and right) and its mark in place, and lets
 * the import go until a retry time that doubles with each runner that failed (1 min, 2, 4, … up to
 * an hour), so that a catch-up that cannot succeed does not rerun every time a lease runs out.
 */
async function catchUp(
  db: Database,
  importId: string,
  workerId: string,
  options: ImportRunnerOptions & { leaseMs: number },
): Promise<void> {
  let failures = 0;
  let slices = 0;
  for (;;) {
    try {
      const outcome = await catchUpSlice(db, importId, workerId, options);
      failures = 0;
      if (outcome === "idle") return;
      if (outcome === "lost") {
        options.log?.(`import ${importId}: another runner took the stats catch-up over`);
        return;
      }
      // The rollups grow by a slice at a time, from nothing perhaps: as with the job's plays, the
      // planner learns of them after slices 1, 2, 4, 8, … and at the end (the embedded database
      // has no autovacuum: unanalyzed, a slice's day deletes read the person's whole track index
      // of day rows, EXPLAIN showed, instead of the primary key's range of their days).
      slices++;
      if (outcome === "done" || (slices & (slices - 1)) === 0) {
        await refreshRollupPlannerStats(db).catch(() => undefined);
      }
      if (outcome === "done") {
        options.log?.(`import ${importId}: stats caught up`);
        return;
      }
    } catch (error) {
      options.log?.(`import ${importId}: stats catch-up failed: ${rootMessage(error)}`);
      if (++failures >= 3) {
        await retryCatchUpLater(db, importId, workerId, options).catch(() =>
          options.log?.(`import ${importId}: could not put the stats catch-up off; its lease runs out`),
        );
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 500 * failures));
    }
  }
}

/** Gives a failing catch-up up for now: the import is free again at a retry time that backs off. */
async function retryCatchUpLater(
  db: Database,
  importId: string,
  workerId: string,
  options: ImportRunnerOptions,
): Promise<void> {
  const now = options.now ?? Date.now;
  // One statement: the wait follows the failures before this one (SET reads the old value).
  const [row] = await db
    .update(imports)
    .set({
      statsFailures: sql`${imports.statsFailures} + 1`,
      leaseOwner: null,
      leaseUntil: sql`${new Date(now())}::timestamptz + least(${CATCH_UP_RETRY_MS} * power(2, least(${imports.statsFailures}, 20)), ${CATCH_UP_RETRY_MAX_MS}) * interval '1 millisecond'`,
    })
    .where(and(eq(imports.id, importId), eq(imports.leaseOwner, workerId)))
    .returning({ retryAt: imports.leaseUntil });
  if (!row?.retryAt) return;
  const waitMs = row.retryAt.getTime() - now();
  options.log?.(`import ${importId}: stats catch-up retried in ${Math.round(waitMs / 1000)} s`);
}

/** Starts a job without waiting for it (after a route has answered); errors are logged. */
export function runImportInBackground(db: Database, importId: string): void {
  void runImportJob(db, { importId, log: (line) => console.log(`[import] ${line}`) }).catch((error) =>
    console.error(`[import] ${importId} stopped: ${(error as Error).message}`),
  );
}
