// The recorder: keeps every play, around the clock, whether or not a tab is open. Any number of
// recorders (processes, instances) can run against one database: each claims due people with a
// lease (FOR UPDATE SKIP LOCKED), so no person is synced twice at once, and a sync's writes commit
// only while its lease still holds. A recorder killed mid-sync wrote nothing; its lease runs out
// and the person is picked up again. Each sync is one Spotify call:
//   recently-played?after=<newest stored play − lookback>&limit=50
// taken from the app's Spotify budget at the recorder's priority: when the budget is low, the sync
// is deferred (dashboards come first) and catches up later from where the store ends.
import "server-only";
import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { spotifyAccessFor } from "@/lib/auth/spotify-access";
import type { Database } from "@/lib/db/connection";
import { syncRuns, syncState } from "@/lib/db/schema";
import { ApiError } from "@/lib/errors";
import { BudgetDeniedError, createSpotifyClient, type SpotifyClientDeps } from "@/lib/spotify/client";
import { recentlyPlayedSchema } from "@/lib/spotify/schemas";
import { playChanges } from "@/lib/shared/play-changes";
import { toCatalogBatch } from "./catalog-rows";
import { newestPlayAt, SPOTIFY_WINDOW, storePlays } from "./store-plays";
import { ERROR_RETRY_MS, LATE_LOGGING_LOOKBACK_MS, nextSyncDelay, SYNC_INTERVAL_MS } from "./sync-schedule";

export type RecorderOptions = {
  db: Database;
  /** The clock (tests run it faster than real time); every instant the recorder writes comes from it. */
  now?: () => number;
  /** How long a claim holds; a recorder that dies mid-sync gives the person back after this. */
  leaseMs?: number;
  /** People claimed per round. */
  batchSize?: number;
  workerId?: string;
  log?: (line: string) => void;
  /** The Spotify client's gate and budget (default: the app's); the recorder's priority is its own. */
  spotify?: Pick<SpotifyClientDeps, "gate" | "budget">;
};

/** A sync the budget deferred waits at least this long, so that a spent budget is not polled. */
export const BUDGET_DEFER_MIN_MS = 10_000;

export type SyncOutcome =
  { userId: string; ok: true; added: number; gap: boolean } | { userId: string; ok: false; error: string };

export class LeaseLostError extends Error {
  override name = "LeaseLostError";
}

export class Recorder {
  readonly workerId: string;
  private readonly db: Database;
  private readonly now: () => number;
  private readonly leaseMs: number;
  private readonly batchSize: number;
  private readonly log: (line: string) => void;
  private readonly spotify: Pick<SpotifyClientDeps, "gate" | "budget">;

  constructor(options: RecorderOptions) {
    this.db = options.db;
    this.now = options.now ?? Date.now;
    this.leaseMs = options.leaseMs ?? 2 * 60_000;
    this.batchSize = options.batchSize ?? 5;
    this.workerId = options.workerId ?? `recorder-${process.pid}-${randomUUID().slice(0, 8)}`;
    this.log = options.log ?? (() => {});
    this.spotify = options.spotify ?? {};
  }

  /** One round: claim whoever is due and sync them one by one. Returns what happened. */
  async runOnce(): Promise<SyncOutcome[]> {
    const outcomes: SyncOutcome[] = [];
    for (const userId of await this.claimDue()) outcomes.push(await this.sync(userId));
    return outcomes;
  }

  /** Takes the lease of up to `batchSize` due people that nobody holds. */
  async claimDue(): Promise<string[]> {
    const now = new Date(this.now());
    const until = new Date(this.now() + this.leaseMs);
    const result = await this.db.execute<{ user_id: string }>(sql`
      update sync_state set lease_owner = ${this.workerId}, lease_until = ${until}
      where user_id in (
        select s.user_id from sync_state s join users u on u.id = s.user_id
        where s.next_sync_at <= ${now}
          and (s.lease_until is null or s.lease_until < ${now})
          and u.status = 'active' and not u.recording_paused
        order by s.next_sync_at
        limit ${this.batchSize}
        for update of s skip locked)
      returning user_id`);
    return result.rows.map((row) => row.user_id);
  }

  /** Syncs one person whose lease this recorder holds. */
  async sync(userId: string): Promise<SyncOutcome> {
    const startedAt = new Date(this.now());
    const [run] = await this.db
      .insert(syncRuns)
      .values({ userId, trigger: "schedule", startedAt })
      .returning({ id: syncRuns.id });
    try {
      const newestBefore = await newestPlayAt(this.db, userId);
      const params = new URLSearchParams({ limit: String(SPOTIFY_WINDOW) });
      if (newestBefore) params.set("after", String(newestBefore.getTime() - LATE_LOGGING_LOOKBACK_MS));
      const access = await spotifyAccessFor(userId, { db: this.db, now: this.now });
      const page = await createSpotifyClient(access, { ...this.spotify, priority: "recorder" }).get(
        `/v1/me/player/recently-played?${params}`,
        recentlyPlayedSchema,
      );
      const batch = toCatalogBatch(page?.items ?? []);

      const result = await this.db.transaction(async (tx) => {
        await this.assertLease(tx, userId);
        const stored = await storePlays(tx, userId, batch, { windowPage: true, newestBefore });
        const [state] = await tx
          .select({ quietSyncs: syncState.quietSyncs })
          .from(syncState)
          .where(eq(syncState.userId, userId));
        const quietSyncs = stored.added > 0 ? 0 : (state?.quietSyncs ?? 0) + 1;
        await tx
          .update(syncState)
          .set({
            quietSyncs,
            lastSyncedAt: new Date(this.now()),
            nextSyncAt: new Date(this.now() + nextSyncDelay(quietSyncs)),
            leaseOwner: null,
            leaseUntil: null,
          })
          .where(eq(syncState.userId, userId));
        await tx
          .update(syncRuns)
          .set({ finishedAt: new Date(this.now()), playsAdded: stored.added })
          .where(eq(syncRuns.id, run!.id));
        return stored;
      });
      if (result.added > 0 || result.gap) {
        await playChanges().changed(userId); // open pages on any instance learn of it
        this.log(
          `synced ${userId}: +${result.added}${result.gap ? `, gap ${result.gap.fromAt.toISOString()}–${result.gap.toAt.toISOString()}` : ""}`,
        );
      }
      return { userId, ok: true, added: result.added, gap: result.gap !== null };
    } catch (error) {
      if (error instanceof BudgetDeniedError) return this.defer(userId, run!.id, error.waitMs);
      const message = describe(error);
      if (!(error instanceof LeaseLostError)) {
        // reauth_required already marked the person (no more syncs until a new sign-in); for the
        // rest, wait: a failing Spotify costs budget too, and a 429 says how long.
        const retryMs =
          error instanceof ApiError && error.retryAfterSeconds !== undefined
            ? Math.max(ERROR_RETRY_MS, error.retryAfterSeconds * 1000)
            : ERROR_RETRY_MS;
        await this.db
          .update(syncState)
          .set({ nextSyncAt: new Date(this.now() + retryMs), leaseOwner: null, leaseUntil: null })
          .where(and(eq(syncState.userId, userId), eq(syncState.leaseOwner, this.workerId)))
          .catch(() => undefined);
      }
      await this.db
        .update(syncRuns)
        .set({ finishedAt: new Date(this.now()), error: message })
        .where(eq(syncRuns.id, run!.id))
        .catch(() => undefined);
      this.log(`sync of ${userId} failed: ${message}`);
      return { userId, ok: false, error: message };
    }
  }

  /**
   * The budget is kept for dashboards just now: nothing was asked of Spotify, so this was no run
   * (no row, no error to show); the person is due again once the budget allows, and that sync's
   * `after=` cursor starts from the newest stored play, so nothing is lost meanwhile.
   */
  private async defer(userId: string, runId: number, waitMs: number): Promise<SyncOutcome> {
    await this.db.delete(syncRuns).where(eq(syncRuns.id, runId));
    await this.db
      .update(syncState)
      .set({
        nextSyncAt: new Date(this.now() + Math.max(BUDGET_DEFER_MIN_MS, waitMs)),
        leaseOwner: null,
        leaseUntil: null,
      })
      .where(and(eq(syncState.userId, userId), eq(syncState.leaseOwner, this.workerId)));
    return { userId, ok: false, error: "deferred: the Spotify budget is kept for dashboards" };
  }

  private async assertLease(tx: Pick<Database, "select">, userId: string): Promise<void> {
    const [held] = await tx
      .select({ owner: syncState.leaseOwner })
      .from(syncState)
      .where(eq(syncState.userId, userId))
      .for("update");
    if (held?.owner !== this.workerId) throw new LeaseLostError(`lease on ${userId} lost before commit`);
  }
}

/** A dashboard just fetched fresh plays: the next scheduled sync can wait a full interval. */
export async function postponeSync(db: Database, userId: string, now = Date.now()): Promise<void> {
  await db
    .update(syncState)
    .set({ nextSyncAt: new Date(now + SYNC_INTERVAL_MS), lastSyncedAt: new Date(now) })
    .where(eq(syncState.userId, userId));
}

function describe(error: unknown): string {
  if (error instanceof ApiError) return `${error.code}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}
