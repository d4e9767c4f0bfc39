"use client";
// Starts the authorization-code flow (PKCE + state) through next-auth, then returns to `callbackUrl`.
import { signIn } from "next-auth/react";
import { useState } from "react";
import { SpotifyGlyph } from "@/components/ui/spotify-glyph";

export function SignInButton({
  callbackUrl = "/dashboard",
  label = "Sign in with Spotify",
}: {
  callbackUrl?: string;
  label?: string;
}) {
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      disabled={pending}
      onClick={() => {
        setPending(true);
        void signIn("spotify", { callbackUrl }).catch(() => setPending(false));
      }}
      className="inline-flex items-center justify-center gap-3 rounded-full bg-accent px-6 py-3 text-base font-semibold text-black shadow-sm transition hover:brightness-110 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent disabled:cursor-progress disabled:opacity-70"
    >
      <SpotifyGlyph className="size-5" />
      {pending ? "Opening Spotify…" : label}
    </button>
  );
}
