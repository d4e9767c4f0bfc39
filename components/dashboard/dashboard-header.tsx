"use client";
// The top bar: wordmark (with a "Demo" badge against the emulator), who is signed in, and sign-out.
import Link from "next/link";
import type { Viewer } from "@/lib/auth/viewer";
import { signOut } from "next-auth/react";
import { Avatar } from "@/components/ui/avatar";
import { Badge } from "@/components/ui/badge";
import { Button, focusRing } from "@/components/ui/button";
import { LogoMark, SignOutIcon } from "@/components/ui/icons";

export function DashboardHeader({ viewer, demo }: { viewer: Viewer; demo: boolean }) {
  return (
    <header className="sticky top-0 z-20 border-b border-zinc-200/80 bg-zinc-50/85 backdrop-blur-md dark:border-zinc-800/80 dark:bg-zinc-950/85">
      <div className="mx-auto flex h-16 max-w-6xl items-center justify-between gap-4 px-4 sm:px-6">
        <div className="flex items-center gap-2.5">
          <Link
            href="/dashboard"
            className={`flex items-center gap-2 rounded-md text-lg font-bold tracking-tight ${focusRing}`}
          >
            <LogoMark className="size-7" />
            Earshot
          </Link>
          {demo ? (
            <span data-testid="demo-badge" title="Connected to the local Spotify emulator, not to Spotify">
              <Badge tone="accent">Demo</Badge>
            </span>
          ) : null}
        </div>
        <div className="flex min-w-0 items-center gap-2 sm:gap-3">
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
      </div>
    </header>
  );
}
