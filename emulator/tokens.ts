// Authorization codes, access tokens and refresh tokens: opaque random strings bound to listener, client and scopes.

import { createHash, randomBytes } from "node:crypto";

export interface AuthCode {
  code: string;
  clientId: string;
  listenerId: string;
  scopes: string[];
  redirectUri: string;
  codeChallenge: string | null;
  issuedAt: number;
  used: boolean;
}

export interface AccessToken {
  token: string;
  clientId: string;
  listenerId: string;
  scopes: string[];
  expiresAt: number;
  /** The authorization (code grant) it descends from; revoking it kills this token too. */
  grantId: string;
  revoked: boolean;
}

export interface RefreshToken {
  token: string;
  clientId: string;
  listenerId: string;
  scopes: string[];
  /** When the user authorized the app; refreshing never moves this (refresh tokens expire from it). */
  authorizedAt: number;
  /** Issued through PKCE: may then be used with client_id alone, no secret. */
  publicClient: boolean;
  /** One per authorization, kept by rotated replacements and by every access token issued from it. */
  grantId: string;
  revoked: boolean;
}

export const CODE_LIFETIME_MS = 10 * 60_000;

function opaque(prefix: string): string {
  return prefix + randomBytes(24).toString("base64url");
}

/** base64url(sha256(verifier)), the S256 code challenge of RFC 7636. */
export function s256(verifier: string): string {
  return createHash("sha256").update(verifier).digest("base64url");
}

export class TokenStore {
  readonly codes = new Map<string, AuthCode>();
  readonly access = new Map<string, AccessToken>();
  readonly refresh = new Map<string, RefreshToken>();
  /** Issue order, for GET /__emulator/tokens. */
  readonly issuedAccess: string[] = [];
  readonly issuedRefresh: string[] = [];

  issueCode(fields: Omit<AuthCode, "code" | "used">): AuthCode {
    const code: AuthCode = { ...fields, code: opaque("AQD"), used: false };
    this.codes.set(code.code, code);
    return code;
  }

  issueAccess(fields: Omit<AccessToken, "token" | "revoked">): AccessToken {
    const token: AccessToken = { ...fields, token: opaque("BQ"), revoked: false };
    this.access.set(token.token, token);
    this.issuedAccess.push(token.token);
    return token;
  }

  issueRefresh(fields: Omit<RefreshToken, "token" | "revoked">): RefreshToken {
    const token: RefreshToken = { ...fields, token: opaque("AQ"), revoked: false };
    this.refresh.set(token.token, token);
    this.issuedRefresh.push(token.token);
    return token;
  }

  /** A new authorization's id, shared by everything issued under it. */
  newGrantId(): string {
    return opaque("G");
  }

  /**
   * Revokes whole authorizations, as a person removing the app's access on Spotify does: the refresh
   * token (and a rotated one's replacements) and every access token issued from it, which then get
   * 401 at once rather than working until they expire. Returns how many refresh tokens were revoked.
   */
  revoke(filter: { refreshToken?: string; listener?: string }): number {
    const grants = new Set<string>();
    for (const rt of this.refresh.values()) {
      if (
        (filter.refreshToken !== undefined && rt.token === filter.refreshToken) ||
        (filter.listener !== undefined && rt.listenerId === filter.listener)
      )
        grants.add(rt.grantId);
    }
    let n = 0;
    for (const rt of this.refresh.values()) {
      if (grants.has(rt.grantId) && !rt.revoked) {
        rt.revoked = true;
        n++;
      }
    }
    for (const at of this.access.values()) if (grants.has(at.grantId)) at.revoked = true;
    return n;
  }
}
