// Spotify keeps a listener's last 50 plays; a `before` cursor older than them gets an empty page
// from Spotify, and spends a call of the app's budget on it. The store knows better: once 50 stored
// plays are newer than the cursor, the page lies wholly outside Spotify's window (the window can only
// have moved on since), so it is answered from the store, and Spotify is not asked.
// The same holds for an `after` cursor that old (a tab back from a long sleep): Spotify would answer
// with the oldest plays of its window, silently skipping those between the cursor and the window;
// the store has them, so the page (the plays right after the cursor) comes from it.
import "server-only";
import { sql } from "drizzle-orm";
import type { Queryable } from "@/lib/db/connection";
import type { RecentPlays } from "@/lib/listening";
import { readHistory } from "./history-page";
import { SPOTIFY_WINDOW } from "./store-plays";

/** The page before `before` (epoch ms) from the store when it lies past Spotify's window; else null. */
/** The played_at of the oldest play in Spotify's window as the store knows it; null: fewer than 50 stored. */
async function windowOldest(db: Queryable, userId: string): Promise<number | null> {
  const edge = await db.execute<{ played_at: Date }>(sql`
    SELECT played_at FROM plays WHERE user_id = ${userId}
     ORDER BY played_at DESC OFFSET ${SPOTIFY_WINDOW - 1} LIMIT 1`);
  const oldest = edge.rows[0]?.played_at;
  return oldest ? new Date(oldest).getTime() : null;
}

function toRecentPlays(page: Awaited<ReturnType<typeof readHistory>>): RecentPlays {
  const last = page.plays.at(-1);
  return {
    plays: page.plays.map(({ playedAt, track, context }) => ({ playedAt, track, context })),
    nextBefore: page.next && last ? String(Date.parse(last.playedAt)) : null,
  };
}

/**
 * The page right after `after` (epoch ms; the `limit` plays that follow it, newest first, as Spotify
 * lists them) from the store when the cursor lies past Spotify's window; else null. An `after` page
 * is paged forward, not back: no `before` cursor.
 */
export async function recentPlaysAfterBeyondWindow(
  db: Queryable,
  userId: string,
  after: number,
  limit: number,
): Promise<RecentPlays | null> {
  const oldest = await windowOldest(db, userId);
  if (oldest === null || after >= oldest) return null;
  // The newest of the `limit` plays that follow the cursor bounds the page from above.
  const bound = await db.execute<{ played_at: Date }>(sql`
    SELECT played_at FROM plays WHERE user_id = ${userId} AND played_at > ${new Date(after)}
     ORDER BY played_at ASC OFFSET ${limit - 1} LIMIT 1`);
  const newest = bound.rows[0]?.played_at;
  const to = newest ? new Date(new Date(newest).getTime() + 1) : undefined;
  const page = await readHistory(db, userId, {
    filters: { from: new Date(after + 1), ...(to ? { to } : {}) },
    after: null,
    limit,
  });
  return { ...toRecentPlays(page), nextBefore: null };
}

export async function recentPlaysBeyondWindow(
  db: Queryable,
  userId: string,
  before: number,
  limit: number,
): Promise<RecentPlays | null> {
  const oldest = await windowOldest(db, userId);
  if (oldest === null || before > oldest) return null;
  return toRecentPlays(
    await readHistory(db, userId, { filters: { to: new Date(before) }, after: null, limit }),
  );
}
