// Who is signed in, for route handlers and server components: the session cookie names a
// server-side session, and the database says whether it still stands (sign-out, "sign out
// everywhere" and account deletion end it at once) and who it belongs to.
import "server-only";
import { findSessionUser, type SessionUser } from "@/lib/auth/accounts";
import { readSessionToken } from "@/lib/auth/session-cookie";
import { type Database, withStore } from "@/lib/db/connection";
import { ApiError } from "@/lib/errors";

/** The signed-in person, or null. */
export async function getSessionUser(db?: Database): Promise<SessionUser | null> {
  const token = await readSessionToken();
  if (!token?.sid) return null;
  return withStore(() => findSessionUser(token.sid!, db));
}

/** The signed-in person; throws 401 `unauthenticated` otherwise. */
export async function requireSessionUser(db?: Database): Promise<SessionUser> {
  const user = await getSessionUser(db);
  if (!user) throw new ApiError("unauthenticated", "Sign in with Spotify to see your listening.");
  return user;
}
