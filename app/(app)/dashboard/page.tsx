// The dashboard. Who is looking comes from the session cookie (the group's gate, ./viewer.ts);
// what is playing is read while drawing the page (./initial-player.ts); from then on everything live
// is fetched by the browser from /api/spotify/* (components/dashboard/dashboard.tsx).
import type { Metadata } from "next";
import { Dashboard } from "@/components/dashboard/dashboard";
import { pollPhaseMs } from "@/lib/client/poll-phase";
import { currentUser, requireViewer } from "../viewer";
import { readInitialPlayer } from "./initial-player";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  // Once Spotify wants a new sign-in there is nothing to read (null: the card says so).
  const [viewer, user, initialPlayer] = await Promise.all([
    requireViewer(),
    currentUser(),
    readInitialPlayer(),
  ]);
  // The phase comes from the person's id, which itself stays on the server.
  return (
    <Dashboard
      viewer={viewer}
      pollPhaseMs={user ? pollPhaseMs(user.userId) : 0}
      initialPlayer={initialPlayer}
    />
  );
}
