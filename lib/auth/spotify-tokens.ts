// A person's Spotify tokens, kept in the database (sealed), and the one way they are renewed.
// One refresh grant per expiry across processes and instances:
// - in a process, concurrent callers for one person share one attempt (single-flight);
// - across processes, the attempt first takes a short lease on the person's token row (a
//   conditional UPDATE of `refreshing_until`), re-reads the tokens (someone may have just
//   refreshed), and calls Spotify outside any transaction, so that no database connection, and
//   on the embedded database no other query, waits on Spotify. Callers that find the lease taken
//   wait for its holder's result. A holder that dies leaves a lease that lapses by itself.
// `invalid_grant` marks the person `reauth_required` and drops the tokens; transient failures
// (Spotify down, a timeout) change nothing, so an outage never signs anyone out.
import "server-only";
import { and, eq, isNull, lt, or } from "drizzle-orm";
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
 * Transient refresh failures, remembered per person with a growing pause (1 s, 2 s, 4 s … 60 s):
 * while Spotify's Accounts service is down, each step costs one token call, not one per poll.
 */
const failures = new Map<string, { until: number; stepMs: number; error: RefreshError }>();
const FIRST_BACKOFF_MS = 1_000;
const MAX_BACKOFF_MS = 60_000;

/**
 * A grant whose access token is good for a while. Throws ReauthRequiredError, or RefreshError
 * (transient) when a due refresh could not be done now.
 */
export async function getSpotifyGrant(userId: string, options: GrantOptions = {}): Promise<SpotifyGrant> {
  const db = options.db ?? getDb();
  const now = options.now ?? Date.now;
  const stored = await readGrant(db, userId);
  if (!needsRenewal(stored, options, now())) return stored;

  // Refreshing a little early failed for a passing reason: the current token still works.
  const stillValid = options.rejectedAccessToken === undefined && now() < stored.expiresAt;
  const failed = failures.get(userId);
  if (failed && now() < failed.until) {
    if (stillValid) return stored;
    throw failed.error;
  }

  const key = `${userId}\u0000${options.rejectedAccessToken ?? ""}`;
  let pending = inflight.get(key);
  if (!pending) {
    pending = renewUnderLock(db, userId, options, now).then(
      (grant) => {
        failures.delete(userId);
        return grant;
      },
      (error: unknown) => {
        if (error instanceof RefreshError && error.kind === "transient") {
          const stepMs = Math.min(MAX_BACKOFF_MS, failed ? failed.stepMs * 2 : FIRST_BACKOFF_MS);
          failures.set(userId, { until: now() + stepMs, stepMs, error });
        }
        throw error;
      },
    );
    pending = pending.finally(() => inflight.delete(key));
    inflight.set(key, pending);
  }
  try {
    return await pending;
  } catch (error) {
    if (error instanceof RefreshError && error.kind === "transient" && stillValid) return stored;
    throw error;
  }
}

function needsRenewal(grant: SpotifyGrant, options: GrantOptions, now: number): boolean {
  if (options.rejectedAccessToken !== undefined) return grant.accessToken === options.rejectedAccessToken;
  return isDueForRefresh(grant, now);
}

async function readGrant(db: Pick<Database, "select">, userId: string): Promise<SpotifyGrant> {
  const query = db
    .select({ token: spotifyTokens, status: users.status })
    .from(spotifyTokens)
    .innerJoin(users, eq(users.id, spotifyTokens.userId))
    .where(eq(spotifyTokens.userId, userId));
  const [row] = await query;
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

/** Longer than the token endpoint's own timeout, so that a live holder never loses its lease. */
const LEASE_MS = 15_000;
const WAIT_STEP_MS = 100;

async function renewUnderLock(
  db: Database,
  userId: string,
  options: GrantOptions,
  now: () => number,
): Promise<SpotifyGrant> {
  const giveUpAt = Date.now() + 2 * LEASE_MS;
  for (;;) {
    const leased = await db
      .update(spotifyTokens)
      .set({ refreshingUntil: new Date(now() + LEASE_MS) })
      .where(
        and(
          eq(spotifyTokens.userId, userId),
          or(isNull(spotifyTokens.refreshingUntil), lt(spotifyTokens.refreshingUntil, new Date(now()))),
        ),
      )
      .returning({ userId: spotifyTokens.userId });
    if (leased.length > 0) return renewHoldingLease(db, userId, options, now);

    // Another process is refreshing: wait for its result (or for its lease to lapse).
    await new Promise((resolve) => setTimeout(resolve, WAIT_STEP_MS));
    const current = await readGrant(db, userId); // throws ReauthRequiredError if it was refused
    if (!needsRenewal(current, options, now())) return current;
    if (Date.now() > giveUpAt)
      throw new RefreshError("transient", "another refresh of this sign-in did not finish");
  }
}

async function renewHoldingLease(
  db: Database,
  userId: string,
  options: GrantOptions,
  now: () => number,
): Promise<SpotifyGrant> {
  const releaseLease = () =>
    db
      .update(spotifyTokens)
      .set({ refreshingUntil: null })
      .where(eq(spotifyTokens.userId, userId))
      .catch(() => undefined);
  let current: SpotifyGrant;
  try {
    current = await readGrant(db, userId);
  } catch (error) {
    await releaseLease();
    throw error;
  }
  if (!needsRenewal(current, options, now())) {
    await releaseLease();
    return current;
  }
  let grant: SpotifyGrant;
  try {
    grant = await requestRefreshGrant(current.refreshToken, now);
  } catch (error) {
    if (error instanceof RefreshError && error.kind === "permanent") {
      await db.transaction(async (tx) => {
        await tx.update(users).set({ status: "reauth_required" }).where(eq(users.id, userId));
        await tx.delete(spotifyTokens).where(eq(spotifyTokens.userId, userId));
      });
      throw new ReauthRequiredError(`Spotify refused the refresh token: ${error.message}`);
    }
    await releaseLease();
    throw error instanceof RefreshError ? error : new RefreshError("transient", String(error));
  }
  const { secret } = getConfig().auth;
  await db
    .update(spotifyTokens)
    .set({
      accessToken: sealToken(grant.accessToken, userId, secret),
      refreshToken: sealToken(grant.refreshToken, userId, secret),
      expiresAt: new Date(grant.expiresAt),
      lifetimeMs: grant.lifetimeMs,
      updatedAt: new Date(now()),
      refreshingUntil: null,
    })
    .where(eq(spotifyTokens.userId, userId));
  return grant;
}
