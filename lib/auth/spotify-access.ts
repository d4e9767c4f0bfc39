// What a route handler needs to call Spotify for the signed-in person: their access token, fresh,
// and a way to renew it once if Spotify rejects it. Any refresh done here is written back to the
// session cookie of this very response, so the next request does not refresh again.
import "server-only";
import type { JWT } from "next-auth/jwt";
import { ApiError } from "@/lib/errors";
import { refreshSessionToken } from "./refresh";
import { readSessionToken, writeSessionToken } from "./session-cookie";
import { isExpired } from "./spotify-grant";

export type SpotifyAccess = {
  /** Spotify's user id: the key of everything cached per person. */
  userId: string;
  accessToken: string;
  /** Spotify answered 401 to `accessToken`: refresh once, persist it, and return the new token. */
  renew(): Promise<string>;
};

export async function requireSpotifyAccess(): Promise<SpotifyAccess> {
  const token = await readSessionToken();
  if (!token) throw new ApiError("unauthenticated", "Sign in with Spotify to see your listening.");
  // Everything cached per person is keyed by this id: a session without one gets nothing.
  if (!token.sub) throw new ApiError("unauthenticated", "Sign in with Spotify to see your listening.");
  const userId = token.sub;
  let current = await settle(token, false);

  const access: SpotifyAccess = {
    userId,
    accessToken: current.spotify!.accessToken,
    async renew() {
      current = await settle(current, true);
      access.accessToken = current.spotify!.accessToken;
      return access.accessToken;
    },
  };
  return access;
}

async function settle(token: JWT, force: boolean): Promise<JWT> {
  if (token.error === "reauth_required" || !token.spotify) throw reauthRequired();
  const result = await refreshSessionToken(token, { force });
  if (result.changed) await writeSessionToken(result.token);
  if (result.token.error === "reauth_required" || !result.token.spotify) throw reauthRequired();
  if (result.transientFailure && (force || isExpired(result.token.spotify))) {
    throw new ApiError("upstream_error", "Spotify's sign-in service is not answering; trying again shortly.");
  }
  return result.token;
}

function reauthRequired() {
  return new ApiError("reauth_required", "Your Spotify sign-in has expired or was revoked. Sign in again.");
}
