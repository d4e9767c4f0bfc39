"use client";
// The top bar: wordmark (with a "Demo" badge against the emulator), who is signed in, and sign-out.
import Link from "next/link";
import type { Viewer } from "@/lib/auth/viewer";
import { signOut } from "next-auth/react";
import { Avatar } from "@/components/ui/avatar";
import { Badge } from "@/components/ui/badge";
import { Button, focusRing } from "@/components/ui/button";
import { LogoMark, SignOutIcon } from "@/components/ui/icons";
import { HeaderShell } from "@/components/layout/header-shell";

export function DashboardHeader({ viewer, demo }: { viewer: Viewer; demo: boolean }) {
  return (
    <HeaderShell
      start={
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
      }
      end={
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
      }
    />
  );
}
