// Everything next-auth needs, in one place: the Spotify provider pointed at the configured Accounts
// service (the emulator in demo mode), PKCE + state, JWT sessions, and callbacks that keep Spotify's
// tokens inside the encrypted cookie and out of anything the browser can read.
import "server-only";
import { randomUUID } from "node:crypto";
import type { NextAuthOptions } from "next-auth";
import SpotifyProvider, { type SpotifyProfile } from "next-auth/providers/spotify";
import { getConfig } from "@/lib/config";
import { refreshSessionToken } from "./refresh";
import { SESSION_MAX_AGE_SECONDS } from "./session-cookie";

export const SPOTIFY_SCOPES = [
  "user-read-currently-playing",
  "user-read-playback-state",
  "user-read-recently-played",
  "user-read-private",
  "user-read-email",
].join(" ");

let cached: NextAuthOptions | undefined;

export function getAuthOptions(): NextAuthOptions {
  cached ??= buildAuthOptions();
  return cached;
}

function buildAuthOptions(): NextAuthOptions {
  const { spotify, auth } = getConfig();
  // next-auth reads NEXTAUTH_URL itself to build its callback URL; make it agree with the config default.
  process.env.NEXTAUTH_URL ??= auth.url;

  return {
    secret: auth.secret,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    useSecureCookies: auth.secure,
    pages: { signIn: "/signin", error: "/auth/error" },
    providers: [
      SpotifyProvider({
        clientId: spotify.clientId,
        clientSecret: spotify.clientSecret,
        authorization: { url: `${spotify.accountsUrl}/authorize`, params: { scope: SPOTIFY_SCOPES } },
        token: `${spotify.accountsUrl}/api/token`,
        userinfo: {
          url: `${spotify.apiUrl}/v1/me`,
          // A Development Mode app answers 403 to everything for a user missing from its allow-list,
          // /v1/me included. Let the sign-in finish anyway: the dashboard then explains the 403,
          // which beats a generic "could not sign in".
          async request({ tokens }) {
            const response = await fetch(`${spotify.apiUrl}/v1/me`, {
              headers: { Authorization: `Bearer ${tokens.access_token}` },
              signal: AbortSignal.timeout(8_000),
            });
            if (response.status === 403) {
              // A unique id per sign-in, so that two such people never share a cache key.
              const unregistered = { id: `unregistered-${randomUUID()}`, display_name: null, images: [] };
              return unregistered as unknown as SpotifyProfile;
            }
            if (!response.ok) throw new Error(`Spotify /v1/me answered ${response.status}`);
            return (await response.json()) as SpotifyProfile;
          },
        },
        // RFC 9700 recommends PKCE for confidential clients too; v4 defaults to state only.
        checks: ["pkce", "state"],
        profile(profile: SpotifyProfile) {
          return {
            id: profile.id,
            // display_name may be null; the stand-in id of an unregistered user is not a name.
            name:
              profile.display_name ??
              (profile.id.startsWith("unregistered-") ? "Spotify listener" : profile.id),
            image: profile.images?.[0]?.url ?? null,
          };
        },
      }),
    ],
    callbacks: {
      async jwt({ token, account, user }) {
        if (account) {
          // Sign-in: start a fresh token with only what Earshot needs (no email).
          if (!account.access_token || !account.refresh_token || !account.expires_at) {
            throw new Error("Spotify's token reply lacked an access token, refresh token or expiry");
          }
          const expiresAt = account.expires_at * 1000;
          const lifetimeMs = Math.max(1000, Math.round((expiresAt - Date.now()) / 1000) * 1000);
          return {
            sub: user.id,
            name: user.name ?? null,
            picture: user.image ?? null,
            spotify: {
              accessToken: account.access_token,
              refreshToken: account.refresh_token,
              expiresAt,
              lifetimeMs,
            },
          };
        }
        // Any later call (e.g. /api/auth/session): refresh when due; next-auth persists the result.
        return (await refreshSessionToken(token)).token;
      },
      session({ session, token }) {
        // Only what the browser may see: never the tokens.
        return {
          expires: session.expires,
          user: { name: token.name ?? null, image: token.picture ?? null },
          ...(token.error ? { error: token.error } : {}),
        };
      },
    },
  };
}
