// The one way Earshot renews a Spotify access token. The JWT callback (for /api/auth/*) and the route
// handlers' session reader both call `refreshSessionToken`, so every path shares one policy:
// - refresh shortly before expiry (see spotify-grant.ts), never after every request;
// - single-flight per refresh token: concurrent requests at expiry wait for one refresh grant;
// - the outcome is remembered, keyed by the refresh token that was spent, until a lifetime after the
//   new access token expires: a request that still carries the old cookie (a poll that left before the new cookie
//   arrived, another tab, a response that never made it back) continues from the new tokens instead
//   of spending a refresh token Spotify may already have revoked;
// - keep the old refresh token when Spotify's reply has none, store the new one when it has one.
// This state is per server process. Several instances behind a load balancer would need the same
// lock and memory in a shared store (e.g. Redis SET NX with a short TTL).
import "server-only";
import type { JWT } from "next-auth/jwt";
import { isDueForRefresh, type SpotifyGrant } from "./spotify-grant";
import { RefreshError, requestRefreshGrant } from "./token-endpoint";

/** How long a refused refresh token is remembered as refused. */
const REMEMBER_FAILURE_MS = 60_000;

type Outcome = { ok: true; grant: SpotifyGrant } | { ok: false; error: RefreshError };

const inflight = new Map<string, Promise<Outcome>>();
const remembered = new Map<string, { outcome: Outcome; until: number }>();

export type FreshGrant = { grant: SpotifyGrant; changed: boolean };

/**
 * Returns a grant whose access token is good for a while, refreshing when it is due or when `force`
 * is set (Spotify answered 401 to a token we believed valid). Throws RefreshError.
 */
export async function ensureFreshGrant(current: SpotifyGrant, { force = false } = {}): Promise<FreshGrant> {
  if (!force && !isDueForRefresh(current)) return { grant: current, changed: false };

  const known = recall(current.refreshToken);
  if (known) {
    if (!known.ok) throw known.error;
    // Someone already refreshed with this refresh token: continue from their result (refreshing it in
    // turn if it is due), never from the spent token.
    if (known.grant.accessToken !== current.accessToken) {
      return { grant: (await ensureFreshGrant(known.grant)).grant, changed: true };
    }
  }

  let pending = inflight.get(current.refreshToken);
  if (!pending) {
    pending = refreshOnce(current.refreshToken);
    inflight.set(current.refreshToken, pending);
  }
  const outcome = await pending;
  if (!outcome.ok) throw outcome.error;
  return { grant: outcome.grant, changed: outcome.grant.accessToken !== current.accessToken };
}

async function refreshOnce(refreshToken: string): Promise<Outcome> {
  let outcome: Outcome;
  try {
    outcome = { ok: true, grant: await requestRefreshGrant(refreshToken) };
  } catch (error) {
    outcome = {
      ok: false,
      error: error instanceof RefreshError ? error : new RefreshError("transient", String(error)),
    };
  }
  inflight.delete(refreshToken);
  // Transient failures are not remembered: the next request should try again.
  if (outcome.ok || outcome.error.kind === "permanent") remember(refreshToken, outcome);
  return outcome;
}

function recall(refreshToken: string): Outcome | undefined {
  const entry = remembered.get(refreshToken);
  if (!entry) return undefined;
  if (entry.until <= Date.now()) {
    remembered.delete(refreshToken);
    return undefined;
  }
  return entry.outcome;
}

function remember(refreshToken: string, outcome: Outcome) {
  const now = Date.now();
  for (const [key, entry] of remembered) if (entry.until <= now) remembered.delete(key);
  // A success is kept one more lifetime past its expiry (two entries per person at most): long
  // enough for any cookie still in flight, and the chain of successors stays walkable.
  const until = outcome.ok ? outcome.grant.expiresAt + outcome.grant.lifetimeMs : now + REMEMBER_FAILURE_MS;
  remembered.set(refreshToken, { outcome, until });
}

export type SessionRefresh = {
  token: JWT;
  /** True when the token changed and must be written back to the session cookie. */
  changed: boolean;
  /** Set when a due refresh failed for a reason that may pass (Spotify down, timeout). */
  transientFailure?: RefreshError;
};

/**
 * Brings a session JWT up to date: a fresh access token, or `error: "reauth_required"` (and no
 * Spotify tokens) once Spotify has refused the refresh token. Transient failures leave the session
 * as it was, so a Spotify outage never signs anyone out.
 */
export async function refreshSessionToken(
  token: JWT,
  options: { force?: boolean } = {},
): Promise<SessionRefresh> {
  if (!token.spotify || token.error) return { token, changed: false };
  try {
    const { grant, changed } = await ensureFreshGrant(token.spotify, options);
    return changed ? { token: { ...token, spotify: grant }, changed } : { token, changed };
  } catch (error) {
    const failure = error instanceof RefreshError ? error : new RefreshError("transient", String(error));
    if (failure.kind === "permanent") {
      const { spotify: _dropped, ...rest } = token;
      return { token: { ...rest, error: "reauth_required" }, changed: true };
    }
    return { token, changed: false, transientFailure: failure };
  }
}

/** Test hook: forget in-flight and remembered refreshes. */
export function resetRefreshMemory() {
  inflight.clear();
  remembered.clear();
}
