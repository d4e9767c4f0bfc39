// Reads next-auth's session cookie from route handlers and server components. The cookie holds only
// the person's id and their server-side session's secret (lib/auth/accounts.ts); Spotify's tokens
// live in the database. Why not getServerSession: it runs the jwt callback (which may refresh) on
// every server render, and drops the Set-Cookie it produces.
import "server-only";
import { cookies } from "next/headers";
import { decode, type JWT } from "next-auth/jwt";
import { getConfig } from "@/lib/config";

/** next-auth's own naming: the __Secure- prefix (and the Secure flag) when served over https. */
export function sessionCookieName(secure: boolean): string {
  return secure ? "__Secure-next-auth.session-token" : "next-auth.session-token";
}

const cookieName = () => sessionCookieName(getConfig().auth.secure);

export async function readSessionToken(): Promise<JWT | null> {
  const store = await cookies();
  const name = cookieName();
  // next-auth splits values over ~4 KB into name.0, name.1, ...; Earshot's token is far smaller,
  // but read chunks anyway so that a session written by next-auth is always understood.
  const value =
    store.get(name)?.value ??
    store
      .getAll()
      .filter((cookie) => cookie.name.startsWith(`${name}.`))
      .sort((a, b) => Number(a.name.slice(name.length + 1)) - Number(b.name.slice(name.length + 1)))
      .map((cookie) => cookie.value)
      .join("");
  if (!value) return null;
  try {
    return await decode({ token: value, secret: getConfig().auth.secret });
  } catch {
    return null; // tampered, or sealed with another secret: treat as signed out
  }
}
