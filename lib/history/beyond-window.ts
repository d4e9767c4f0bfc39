// Spotify keeps a listener's last 50 plays; a `before` cursor older than them gets an empty page
// from Spotify, and spends a call of the app's budget on it. The store knows better: once 50 stored
// plays are newer than the cursor, the page lies wholly outside Spotify's window (the window can only
// have moved on since), so it is answered from the store, and Spotify is not asked.
import "server-only";
import { sql } from "drizzle-orm";
import type { Queryable } from "@/lib/db/connection";
import type { RecentPlays } from "@/lib/listening";
import { readHistory } from "./history-page";
import { SPOTIFY_WINDOW } from "./store-plays";

/** The page before `before` (epoch ms) from the store when it lies past Spotify's window; else null. */
export async function recentPlaysBeyondWindow(
  db: Queryable,
  userId: string,
  before: number,
  limit: number,
): Promise<RecentPlays | null> {
  const edge = await db.execute<{ played_at: Date }>(sql`
    SELECT played_at FROM plays WHERE user_id = ${userId}
     ORDER BY played_at DESC OFFSET ${SPOTIFY_WINDOW - 1} LIMIT 1`);
  const windowOldest = edge.rows[0]?.played_at;
  if (!windowOldest || before > new Date(windowOldest).getTime()) return null;
  const page = await readHistory(db, userId, { filters: { to: new Date(before) }, after: null, limit });
  const last = page.plays.at(-1);
  return {
    plays: page.plays.map(({ playedAt, track, context }) => ({ playedAt, track, context })),
    nextBefore: page.next && last ? String(Date.parse(last.playedAt)) : null,
  };
}
