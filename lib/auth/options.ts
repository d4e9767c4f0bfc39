// Everything next-auth needs, in one place: the Spotify provider pointed at the configured Accounts
// service (the emulator in demo mode), PKCE + state, and a JWT cookie that names a server-side
// session. Spotify's tokens go to the database at sign-in (sealed) and never into the cookie or
// anything the browser can read. The jwt callback is where a session's due refresh is triggered.
import "server-only";
import { randomUUID } from "node:crypto";
import type { NextAuthOptions } from "next-auth";
import SpotifyProvider, { type SpotifyProfile } from "next-auth/providers/spotify";
import { getConfig } from "@/lib/config";
import { isConnectionError } from "@/lib/db/connection";
import {
  endSession,
  findSessionUser,
  recordSignIn,
  SESSION_MAX_AGE_SECONDS,
  UNREGISTERED_PREFIX,
} from "./accounts";
import { sessionClaims } from "./session-claims";
import { getSpotifyGrant, ReauthRequiredError } from "./spotify-tokens";

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
              const unregistered = {
                id: `${UNREGISTERED_PREFIX}${randomUUID()}`,
                display_name: null,
                images: [],
              };
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
              (profile.id.startsWith(UNREGISTERED_PREFIX) ? "Spotify listener" : profile.id),
            image: profile.images?.[0]?.url ?? null,
          };
        },
      }),
    ],
    callbacks: {
      async jwt({ token, account, user }) {
        if (account) {
          // Sign-in: the tokens go to the database; the cookie gets the person and a session.
          if (!account.access_token || !account.refresh_token || !account.expires_at) {
            throw new Error("Spotify's token reply lacked an access token, refresh token or expiry");
          }
          const expiresAt = account.expires_at * 1000;
          const lifetimeMs = Math.max(1000, Math.round((expiresAt - Date.now()) / 1000) * 1000);
          const { userId, sessionSecret } = await recordSignIn(
            { spotifyId: user.id, displayName: user.name ?? null, imageUrl: user.image ?? null },
            { accessToken: account.access_token, refreshToken: account.refresh_token, expiresAt, lifetimeMs },
          );
          // Bounded (session-claims.ts), so that the cookie always fits in one cookie.
          return sessionClaims({ sub: userId, sid: sessionSecret, name: user.name, picture: user.image });
        }
        // Any later call (e.g. /api/auth/session). An ended session throws, and next-auth clears the
        // cookie: that is how "sign out everywhere" reaches every browser.
        let person;
        try {
          person = token.sid ? await findSessionUser(token.sid) : null;
        } catch (error) {
          // The database is not answering: keep the cookie (throwing would sign the person out).
          if (isConnectionError(error)) return token;
          throw error;
        }
        if (!person) throw new Error("The session has ended");
        // Only the claims of session-claims.ts: next-auth adds iat, exp and jti itself.
        const fresh = sessionClaims({
          sub: token.sub,
          sid: token.sid,
          name: person.name,
          picture: person.image,
        });
        if (person.reauthRequired) return { ...fresh, error: "reauth_required" as const };
        try {
          await getSpotifyGrant(person.userId); // refreshes when due, once across every instance
        } catch (error) {
          if (error instanceof ReauthRequiredError) return { ...fresh, error: "reauth_required" as const };
          // A transient failure signs no one out; the next call tries again.
        }
        return fresh;
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
    events: {
      async signOut({ token }) {
        if (token?.sid) await endSession(token.sid);
      },
    },
  };
}
