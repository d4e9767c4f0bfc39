"use client";
// The signed-in pages' top bar: wordmark (with a "Demo" badge against the emulator), the navigation,
// who is signed in, and sign-out.
import Link from "next/link";
import type { Viewer } from "@/lib/auth/viewer";
import { signOut } from "@/lib/client/auth-actions";
import { Avatar } from "@/components/ui/avatar";
import { Badge } from "@/components/ui/badge";
import { Button, focusRing } from "@/components/ui/button";
import { LogoMark, SignOutIcon } from "@/components/ui/icons";
import { AppNav } from "./app-nav";
import { HeaderShell } from "./header-shell";

export function AppHeader({ viewer, demo }: { viewer: Viewer; demo: boolean }) {
  return (
    <HeaderShell
      start={
        <div className="flex min-w-0 items-center gap-1.5 sm:gap-4">
          <Link
            href="/dashboard"
            className={`flex items-center gap-2 rounded-md text-lg font-bold tracking-tight ${focusRing}`}
          >
            <LogoMark className="size-7" />
            {/* On a phone the mark alone: the navigation needs the room. */}
            <span className="sr-only sm:not-sr-only">Earshot</span>
          </Link>
          {demo ? (
            // Below sm the navigation needs the room; the badge is there from a tablet up.
            <span
              data-testid="demo-badge"
              title="Connected to the local Spotify emulator, not to Spotify"
              className="hidden sm:inline"
            >
              <Badge tone="accent">Demo</Badge>
            </span>
          ) : null}
          <AppNav />
        </div>
      }
      end={
        // The account side keeps its size: the navigation beside it is what scrolls on a phone.
        <div className="flex shrink-0 items-center gap-2 sm:gap-3">
          <Avatar name={viewer.name} image={viewer.image} />
          <span
            data-testid="viewer-name"
            className="sr-only max-w-48 truncate text-sm font-medium sm:not-sr-only"
          >
            {viewer.name}
          </span>
          <Button variant="ghost" onClick={() => void signOut({ callbackUrl: "/" })} className="px-3">
            <SignOutIcon className="size-4" />
            <span className="sr-only sm:not-sr-only">Sign out</span>
          </Button>
        </div>
      }
    />
  );
}
