// The Spotify tokens of one session and when to renew them. Shared by the JWT callback and the
// route handlers' session reader, so both decide "is it time to refresh?" the same way.

export type SpotifyGrant = {
  accessToken: string;
  refreshToken: string;
  /** Epoch milliseconds at which Spotify stops accepting the access token. */
  expiresAt: number;
  /** How long the access token was issued for, in milliseconds (Spotify: 3600 s). */
  lifetimeMs: number;
};

/**
 * Refresh a little before expiry so that a request started just before the deadline does not reach
 * Spotify with a dead token: a tenth of the lifetime, at most a minute (6 min of 60 → 1 min; 5 s → 0.5 s).
 */
export function refreshMarginMs(grant: Pick<SpotifyGrant, "lifetimeMs">): number {
  return Math.min(60_000, grant.lifetimeMs / 10);
}

export function isDueForRefresh(grant: SpotifyGrant, now = Date.now()): boolean {
  return now >= grant.expiresAt - refreshMarginMs(grant);
}

export function isExpired(grant: SpotifyGrant, now = Date.now()): boolean {
  return now >= grant.expiresAt;
}
