// People and their server-side sessions. A sign-in stores the person's Spotify tokens (sealed) and
// opens a session; the cookie carries only the session's secret, whose SHA-256 is the row's key, so
// a copy of the database opens no session. Sessions belong to users of the configured Spotify app
// (client id), so a cookie from the demo is worthless in real mode.
import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, sql } from "drizzle-orm";
import { getConfig } from "@/lib/config";
import { type Database, getDb } from "@/lib/db/connection";
import { sessions, spotifyTokens, syncState, users } from "@/lib/db/schema";
import { SYNC_INTERVAL_MS } from "@/lib/history/sync-schedule";
import { sealToken } from "./token-crypto";
import type { SpotifyGrant } from "./spotify-grant";

export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

/**
 * The id given to someone Spotify refuses to describe (/v1/me answers 403: not on a Development
 * Mode app's allow-list). They may sign in, to be told why nothing works, but are never recorded:
 * every sync would be refused too, and spend the app's quota.
 */
export const UNREGISTERED_PREFIX = "unregistered-";

export type SignInProfile = { spotifyId: string; displayName: string | null; imageUrl: string | null };

export type SessionUser = {
  userId: string;
  spotifyId: string;
  name: string | null;
  image: string | null;
  reauthRequired: boolean;
  recordingPaused: boolean;
};

const hashSecret = (secret: string) => createHash("sha256").update(secret).digest("hex");

/**
 * Records a sign-in: the person (created or updated, and active again), their sealed tokens, a
 * recorder schedule that syncs at once, and a new session. Returns the session's secret for the cookie.
 */
export async function recordSignIn(
  profile: SignInProfile,
  grant: SpotifyGrant,
  db: Database = getDb(),
  now = Date.now(),
): Promise<{ userId: string; sessionSecret: string }> {
  const { spotify, auth } = getConfig();
  const secret = randomBytes(32).toString("base64url");
  const userId = await db.transaction(async (tx) => {
    const [user] = await tx
      .insert(users)
      .values({
        clientId: spotify.clientId,
        spotifyId: profile.spotifyId,
        displayName: profile.displayName,
        imageUrl: profile.imageUrl,
      })
      .onConflictDoUpdate({
        target: [users.clientId, users.spotifyId],
        set: { displayName: profile.displayName, imageUrl: profile.imageUrl, status: "active" },
      })
      .returning({ id: users.id });
    const id = user!.id;
    const sealed = {
      accessToken: sealToken(grant.accessToken, id, auth.secret),
      refreshToken: sealToken(grant.refreshToken, id, auth.secret),
      expiresAt: new Date(grant.expiresAt),
      lifetimeMs: grant.lifetimeMs,
      updatedAt: new Date(),
    };
    await tx
      .insert(spotifyTokens)
      .values({ userId: id, ...sealed })
      .onConflictDoUpdate({ target: spotifyTokens.userId, set: sealed });
    // The dashboard the person lands on fetches (and stores) their recent plays right away, so the
    // recorder's first sync can wait one interval.
    const firstSync = new Date(now + SYNC_INTERVAL_MS);
    if (!profile.spotifyId.startsWith(UNREGISTERED_PREFIX)) {
      await tx
        .insert(syncState)
        .values({ userId: id, nextSyncAt: firstSync })
        .onConflictDoUpdate({ target: syncState.userId, set: { nextSyncAt: firstSync, quietSyncs: 0 } });
    }
    await tx.insert(sessions).values({
      id: hashSecret(secret),
      userId: id,
      expiresAt: new Date(now + SESSION_MAX_AGE_SECONDS * 1000),
    });
    return id;
  });
  return { userId, sessionSecret: secret };
}

/** The person behind a session secret, or null when the session is unknown, ended or expired. */
export async function findSessionUser(
  sessionSecret: string,
  db: Database = getDb(),
): Promise<SessionUser | null> {
  const [row] = await db
    .select({
      userId: users.id,
      spotifyId: users.spotifyId,
      name: users.displayName,
      image: users.imageUrl,
      status: users.status,
      recordingPaused: users.recordingPaused,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.id, hashSecret(sessionSecret)),
        gt(sessions.expiresAt, sql`now()`),
        eq(users.clientId, getConfig().spotify.clientId),
      ),
    )
    .limit(1);
  if (!row) return null;
  return {
    userId: row.userId,
    spotifyId: row.spotifyId,
    name: row.name,
    image: row.image,
    reauthRequired: row.status === "reauth_required",
    recordingPaused: row.recordingPaused,
  };
}

export async function endSession(sessionSecret: string, db: Database = getDb()): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, hashSecret(sessionSecret)));
}

/** "Sign out everywhere": every session of the person ends, this one included. */
export async function endAllSessions(userId: string, db: Database = getDb()): Promise<number> {
  const ended = await db.delete(sessions).where(eq(sessions.userId, userId)).returning({ id: sessions.id });
  return ended.length;
}

export async function setRecordingPaused(
  userId: string,
  paused: boolean,
  db: Database = getDb(),
  now = Date.now(),
): Promise<void> {
  await db.update(users).set({ recordingPaused: paused }).where(eq(users.id, userId));
  // Resuming syncs at once, so that what Spotify still holds is caught before it leaves the window.
  if (!paused) {
    await db
      .update(syncState)
      .set({ nextSyncAt: new Date(now), quietSyncs: 0 })
      .where(eq(syncState.userId, userId));
  }
}

/** "Delete all my data": the person's row, and by cascade their tokens, sessions, plays, gaps, runs. */
export async function deleteAccount(userId: string, db: Database = getDb()): Promise<void> {
  await db.delete(users).where(eq(users.id, userId));
}
