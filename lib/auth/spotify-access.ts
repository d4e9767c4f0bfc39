// What a caller needs to call Spotify for one person: their access token, fresh, and a way to renew
// it once if Spotify rejects it. Route handlers get it for the signed-in person; the recorder for
// whoever it syncs. Tokens come from the database (lib/auth/spotify-tokens.ts) and never leave the
// server.
import "server-only";
import { requireSessionUser } from "@/lib/api/session-user";
import type { SessionUser } from "@/lib/auth/accounts";
import { withStore } from "@/lib/db/connection";
import { ApiError } from "@/lib/errors";
import { type GrantOptions, getSpotifyGrant, ReauthRequiredError } from "./spotify-tokens";

export type SpotifyAccess = {
  /** Earshot's id of the person: the key of everything cached or stored per person. */
  userId: string;
  accessToken: string;
  /** Spotify answered 401 to `accessToken`: renew it once (unless someone already did) and return it. */
  renew(): Promise<string>;
};

export async function requireSpotifyAccess(): Promise<SpotifyAccess> {
  return spotifyAccessForSession(await requireSessionUser());
}

/** The Spotify access of a signed-in person whose session was already read. */
export async function spotifyAccessForSession(
  user: Pick<SessionUser, "userId" | "reauthRequired">,
): Promise<SpotifyAccess> {
  if (user.reauthRequired) throw reauthRequired();
  return spotifyAccessFor(user.userId);
}

export async function spotifyAccessFor(
  userId: string,
  options: Omit<GrantOptions, "rejectedAccessToken"> = {},
): Promise<SpotifyAccess> {
  const grant = await grantOrApiError(userId, options);
  const access: SpotifyAccess = {
    userId,
    accessToken: grant.accessToken,
    async renew() {
      const renewed = await grantOrApiError(userId, { ...options, rejectedAccessToken: access.accessToken });
      access.accessToken = renewed.accessToken;
      return renewed.accessToken;
    },
  };
  return access;
}

async function grantOrApiError(userId: string, options: GrantOptions) {
  try {
    return await withStore(() => getSpotifyGrant(userId, options));
  } catch (error) {
    if (error instanceof ReauthRequiredError) throw reauthRequired();
    if (error instanceof ApiError) throw error;
    if (error instanceof Error && error.name === "RefreshError") {
      throw new ApiError(
        "upstream_error",
        "Spotify's sign-in service is not answering; trying again shortly.",
      );
    }
    throw error;
  }
}

function reauthRequired() {
  return new ApiError("reauth_required", "Your Spotify sign-in has expired or was revoked. Sign in again.");
}
