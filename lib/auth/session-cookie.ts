// Reads next-auth's session cookie from route handlers and server components. The cookie holds only
// the person's id and their server-side session's secret (lib/auth/accounts.ts); Spotify's tokens
// live in the database. Why not getServerSession: it runs the jwt callback (which may refresh) on
// every server render, and drops the Set-Cookie it produces.
import "server-only";
import { cookies } from "next/headers";
import { decode, type JWT } from "next-auth/jwt";
import { getConfig } from "@/lib/config";
import { sessionCookieName } from "./cookie-names";

export { sessionCookieName };

const cookieName = () => sessionCookieName(getConfig().auth.secure);

export async function readSessionToken(): Promise<JWT | null> {
  const store = await cookies();
  // The whole cookie only: Earshot's session is never split into name.N chunks (session-claims.ts
  // bounds it), so chunks are stale or planted; proxy.ts expires them.
  const value = store.get(cookieName())?.value;
  if (!value) return null;
  try {
    return await decode({ token: value, secret: getConfig().auth.secret });
  } catch {
    return null; // tampered, or sealed with another secret: treat as signed out
  }
}
