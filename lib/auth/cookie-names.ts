// The names of next-auth's cookies, as next-auth v4 gives them (its defaultCookies): the __Secure-
// prefix, and the Secure flag, when the app is served over https. Pure, for proxy.ts and route handlers.

const prefix = (secure: boolean) => (secure ? "__Secure-" : "");

export function sessionCookieName(secure: boolean): string {
  return `${prefix(secure)}next-auth.session-token`;
}

/** What a sign-in leaves in the browser until Spotify's callback: the OAuth state and the PKCE verifier. */
export function signInFlowCookieNames(secure: boolean): string[] {
  return [`${prefix(secure)}next-auth.state`, `${prefix(secure)}next-auth.pkce.code_verifier`];
}

/**
 * next-auth splits a session cookie over ~4 kB into name.0, name.1, …; Earshot's never is (see
 * session-claims.ts), so any such chunk is stale, or planted, and is never read.
 */
export function isSessionCookieChunk(name: string): boolean {
  return /^(__Secure-)?next-auth\.session-token\.\d+$/.test(name);
}

/** Attributes that expire a cookie of next-auth's: its path, and Secure where the name demands it. */
export function expiredCookie(name: string) {
  return {
    name,
    value: "",
    path: "/",
    maxAge: 0,
    httpOnly: true,
    sameSite: "lax" as const,
    secure: name.startsWith("__Secure-"),
  };
}
