// Who is signed in, for route handlers that need only that (a database route, say) and not Spotify
// access, which may refresh tokens. The one place that answers "which user is this request?".
import "server-only";
import { readSessionToken } from "@/lib/auth/session-cookie";
import { ApiError } from "@/lib/errors";

export type SessionUser = {
  /** Spotify's user id (the session's `sub`): the key of everything stored per person. */
  userId: string;
};

/** The signed-in user, or the same 401 `unauthenticated` that requireSpotifyAccess answers. */
export async function requireSessionUser(): Promise<SessionUser> {
  const token = await readSessionToken();
  // A session without an id is no one: everything per person is keyed by it.
  if (!token?.sub) throw new ApiError("unauthenticated", "Sign in with Spotify to see your listening.");
  return { userId: token.sub };
}
