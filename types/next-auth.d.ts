// What Earshot keeps in next-auth's encrypted session cookie, and what it lets the browser see.
import type { SpotifyGrant } from "@/lib/auth/spotify-grant";

declare module "next-auth/jwt" {
  interface JWT {
    /** Spotify's tokens: server-side only (the cookie is encrypted and httpOnly). */
    spotify?: SpotifyGrant;
    /** Set when Spotify refused the refresh token: the person has to sign in again. */
    error?: "reauth_required";
  }
}

declare module "next-auth" {
  interface Session {
    user: { name: string | null; image: string | null };
    error?: "reauth_required";
  }
}
