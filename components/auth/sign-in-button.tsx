"use client";
// Starts the authorization-code flow (PKCE + state) through next-auth, then returns to `callbackUrl`.
import { signIn } from "@/lib/client/auth-actions";
import { useState } from "react";
import { Button } from "@/components/ui/button";
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
    <Button
      variant="primary"
      size="lg"
      disabled={pending}
      aria-busy={pending || undefined}
      onClick={() => {
        setPending(true);
        void signIn("spotify", { callbackUrl }).catch(() => setPending(false));
      }}
    >
      <SpotifyGlyph className="size-5" />
      {pending ? "Opening Spotify…" : label}
    </Button>
  );
}
