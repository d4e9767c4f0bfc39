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

  issueAccess(fields: Omit<AccessToken, "token">): AccessToken {
    const token: AccessToken = { ...fields, token: opaque("BQ") };
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

  /** Returns how many refresh tokens were revoked. */
  revoke(filter: { refreshToken?: string; listener?: string }): number {
    let n = 0;
    for (const rt of this.refresh.values()) {
      const match =
        (filter.refreshToken !== undefined && rt.token === filter.refreshToken) ||
        (filter.listener !== undefined && rt.listenerId === filter.listener);
      if (match && !rt.revoked) {
        rt.revoked = true;
        n++;
      }
    }
    return n;
  }
}
