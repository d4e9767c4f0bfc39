// The dashboard's own recently-played fetches write through to the store: a track change seen by
// an open dashboard is recorded at once, at no extra Spotify cost, and the recorder's next sync of
// that person can wait a full interval. A store failure never fails the dashboard.
import "server-only";
import { eq } from "drizzle-orm";
import { type Database, getDb } from "@/lib/db/connection";
import { users } from "@/lib/db/schema";
import { playChanges } from "@/lib/shared/play-changes";
import type { SpotifyRecentlyPlayed } from "@/lib/spotify/schemas";
import { toCatalogBatch } from "./catalog-rows";
import { postponeSync } from "./recorder";
import { newestPlayAt, SPOTIFY_WINDOW, storePlays } from "./store-plays";

export async function recordDashboardPage(
  userId: string,
  page: SpotifyRecentlyPlayed,
  query: { limit: number; before?: number; after?: number },
): Promise<void> {
  try {
    await writeThrough(getDb(), userId, page, query);
  } catch (error) {
    console.error(`[history] could not store the dashboard's plays: ${(error as Error).message}`);
  }
}

/** Stores a page the dashboard fetched and postpones the recorder (`now`: the clock, for benchmarks). */
export async function writeThrough(
  db: Database,
  userId: string,
  page: SpotifyRecentlyPlayed,
  query: { limit: number; before?: number; after?: number },
  now = Date.now(),
): Promise<void> {
  const batch = toCatalogBatch(page.items);
  // Only a page of the newest plays says anything about the window (and so about gaps).
  const windowPage = query.before === undefined && query.after === undefined && query.limit >= SPOTIFY_WINDOW;
  const stored = await db.transaction(async (tx) => {
    // "Pause recording" means nothing is kept, whoever fetched it.
    const [person] = await tx
      .select({ paused: users.recordingPaused })
      .from(users)
      .where(eq(users.id, userId));
    if (!person || person.paused) return null;
    const newestBefore = windowPage ? await newestPlayAt(tx, userId) : null;
    return storePlays(tx, userId, batch, { windowPage, newestBefore });
  });
  if (stored && (stored.added > 0 || stored.gap)) await playChanges().changed(userId);
  if (stored && query.before === undefined) await postponeSync(db, userId, now);
}
