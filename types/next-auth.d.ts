// What Earshot keeps in next-auth's encrypted session cookie, and what it lets the browser see.
// Spotify's tokens are not here: they live in the database, sealed (lib/auth/spotify-tokens.ts).

export {};
declare module "next-auth/jwt" {
  interface JWT {
    /** The secret of the server-side session (lib/auth/accounts.ts); only its hash is stored. */
    sid?: string;
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
