// A person's Spotify tokens, kept in the database (sealed), and the one way they are renewed.
// One refresh grant per expiry across processes and instances:
// - in a process, concurrent callers for one person share one attempt (single-flight);
// - across processes, the attempt runs in a transaction holding the person's token row
//   (SELECT … FOR UPDATE), and re-reads it first: if someone refreshed while we waited, their
//   tokens are used and no grant is spent. A crash releases the lock with its transaction.
// `invalid_grant` marks the person `reauth_required` and drops the tokens; transient failures
// (Spotify down, a timeout) change nothing, so an outage never signs anyone out.
import "server-only";
import { eq } from "drizzle-orm";
import { getConfig } from "@/lib/config";
import { type Database, getDb } from "@/lib/db/connection";
import { spotifyTokens, users } from "@/lib/db/schema";
import { isDueForRefresh, type SpotifyGrant } from "./spotify-grant";
import { openToken, sealToken } from "./token-crypto";
import { RefreshError, requestRefreshGrant } from "./token-endpoint";

/** The person must sign in again: Spotify refused the refresh token, or there are no tokens. */
export class ReauthRequiredError extends Error {
  override name = "ReauthRequiredError";
}

export type GrantOptions = {
  /** Spotify answered 401 to this access token: renew unless someone already has. */
  rejectedAccessToken?: string;
  db?: Database;
  now?: () => number;
};

const inflight = new Map<string, Promise<SpotifyGrant>>();

/**
 * A grant whose access token is good for a while. Throws ReauthRequiredError, or RefreshError
 * (transient) when a due refresh could not be done now.
 */
export async function getSpotifyGrant(userId: string, options: GrantOptions = {}): Promise<SpotifyGrant> {
  const db = options.db ?? getDb();
  const now = options.now ?? Date.now;
  const stored = await readGrant(db, userId);
  if (!needsRenewal(stored, options, now())) return stored;

  const key = `${userId}\u0000${options.rejectedAccessToken ?? ""}`;
  let pending = inflight.get(key);
  if (!pending) {
    pending = renewUnderLock(db, userId, options, now).finally(() => inflight.delete(key));
    inflight.set(key, pending);
  }
  try {
    return await pending;
  } catch (error) {
    // Refreshing a little early failed for a passing reason: the current token still works.
    const stillValid = options.rejectedAccessToken === undefined && now() < stored.expiresAt;
    if (error instanceof RefreshError && error.kind === "transient" && stillValid) return stored;
    throw error;
  }
}

function needsRenewal(grant: SpotifyGrant, options: GrantOptions, now: number): boolean {
  if (options.rejectedAccessToken !== undefined) return grant.accessToken === options.rejectedAccessToken;
  return isDueForRefresh(grant, now);
}

async function readGrant(db: Pick<Database, "select">, userId: string, lock = false): Promise<SpotifyGrant> {
  const query = db
    .select({ token: spotifyTokens, status: users.status })
    .from(spotifyTokens)
    .innerJoin(users, eq(users.id, spotifyTokens.userId))
    .where(eq(spotifyTokens.userId, userId));
  const [row] = lock ? await query.for("update", { of: spotifyTokens }) : await query;
  if (!row || row.status !== "active") throw new ReauthRequiredError("No usable Spotify sign-in");
  const { secret } = getConfig().auth;
  const accessToken = openToken(row.token.accessToken, userId, secret);
  const refreshToken = openToken(row.token.refreshToken, userId, secret);
  // Sealed under another NEXTAUTH_SECRET: unusable, as good as revoked.
  if (accessToken === null || refreshToken === null)
    throw new ReauthRequiredError("Stored tokens cannot be opened");
  return {
    accessToken,
    refreshToken,
    expiresAt: row.token.expiresAt.getTime(),
    lifetimeMs: row.token.lifetimeMs,
  };
}

async function renewUnderLock(
  db: Database,
  userId: string,
  options: GrantOptions,
  now: () => number,
): Promise<SpotifyGrant> {
  const outcome = await db.transaction(
    async (tx): Promise<{ grant?: SpotifyGrant; refused?: RefreshError }> => {
      const current = await readGrant(tx, userId, true);
      if (!needsRenewal(current, options, now())) return { grant: current };
      try {
        const grant = await requestRefreshGrant(current.refreshToken, now);
        const { secret } = getConfig().auth;
        await tx
          .update(spotifyTokens)
          .set({
            accessToken: sealToken(grant.accessToken, userId, secret),
            refreshToken: sealToken(grant.refreshToken, userId, secret),
            expiresAt: new Date(grant.expiresAt),
            lifetimeMs: grant.lifetimeMs,
            updatedAt: new Date(now()),
          })
          .where(eq(spotifyTokens.userId, userId));
        return { grant };
      } catch (error) {
        if (error instanceof RefreshError && error.kind === "permanent") {
          await tx.update(users).set({ status: "reauth_required" }).where(eq(users.id, userId));
          await tx.delete(spotifyTokens).where(eq(spotifyTokens.userId, userId));
          return { refused: error };
        }
        throw error instanceof RefreshError ? error : new RefreshError("transient", String(error));
      }
    },
  );
  if (outcome.refused)
    throw new ReauthRequiredError(`Spotify refused the refresh token: ${outcome.refused.message}`);
  return outcome.grant!;
}
