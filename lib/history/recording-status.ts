// What the settings page says about recording: paused or not, when the last sync ran and how it
// went, and how many plays are kept. Read from the store only.
import "server-only";
import { count, desc, eq } from "drizzle-orm";
import { type Database, getDb } from "@/lib/db/connection";
import { coverageGaps, plays, syncRuns, syncState, users } from "@/lib/db/schema";

export type RecordingStatus = {
  paused: boolean;
  reauthRequired: boolean;
  /** ISO instant of the last successful sync (recorder or dashboard), null before the first. */
  lastSyncedAt: string | null;
  /** ISO instant of the next scheduled sync. */
  nextSyncAt: string | null;
  lastError: string | null;
  plays: number;
  gaps: number;
};

export async function getRecordingStatus(userId: string, db: Database = getDb()): Promise<RecordingStatus> {
  const [[user], [state], [lastRun], [stored], [gapCount]] = await Promise.all([
    db
      .select({ paused: users.recordingPaused, status: users.status })
      .from(users)
      .where(eq(users.id, userId)),
    db
      .select({ lastSyncedAt: syncState.lastSyncedAt, nextSyncAt: syncState.nextSyncAt })
      .from(syncState)
      .where(eq(syncState.userId, userId)),
    db
      .select({ error: syncRuns.error })
      .from(syncRuns)
      .where(eq(syncRuns.userId, userId))
      .orderBy(desc(syncRuns.startedAt))
      .limit(1),
    db.select({ n: count() }).from(plays).where(eq(plays.userId, userId)),
    db.select({ n: count() }).from(coverageGaps).where(eq(coverageGaps.userId, userId)),
  ]);
  return {
    paused: user?.paused ?? false,
    reauthRequired: user?.status === "reauth_required",
    lastSyncedAt: state?.lastSyncedAt?.toISOString() ?? null,
    nextSyncAt: state?.nextSyncAt?.toISOString() ?? null,
    lastError: lastRun?.error ?? null,
    plays: stored?.n ?? 0,
    gaps: gapCount?.n ?? 0,
  };
}
