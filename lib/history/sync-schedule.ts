// When the recorder syncs a person next. Spotify keeps only the last 50 plays, so a listener must
// be synced before 50 more plays happen; but every sync is a Spotify call, and the budget is at most
// 3 calls per person per hour while nobody is watching. So: every 20 minutes while there is
// listening, backing off to hourly after a long silence.

export const SYNC_INTERVAL_MS = 20 * 60_000;
export const MAX_SYNC_INTERVAL_MS = 60 * 60_000;
/** A sync that fails (Spotify down, rate limited) waits at least this long: errors spend budget too. */
export const ERROR_RETRY_MS = SYNC_INTERVAL_MS;
/**
 * Spotify sometimes logs a play minutes late, with its (earlier) end as `played_at`. Each sync
 * re-reads this far behind the newest stored play, so that a late play is not skipped for good.
 */
export const LATE_LOGGING_LOOKBACK_MS = 15 * 60_000;

/** Delay before the next sync after one that found `added` new plays (`quietSyncs` empty ones in a row). */
export function nextSyncDelay(quietSyncs: number): number {
  // Three quiet syncs = an hour of silence: then 40 minutes, then hourly.
  if (quietSyncs < 3) return SYNC_INTERVAL_MS;
  if (quietSyncs === 3) return 2 * SYNC_INTERVAL_MS;
  return MAX_SYNC_INTERVAL_MS;
}
