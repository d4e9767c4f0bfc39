// The dashboard. Who is looking comes from the session cookie (the group's gate, ./viewer.ts);
// what is playing and the recent plays' first page are read while drawing the page
// (./initial-player.ts, ./initial-recent.ts), their times in the zone and locale of the listener's
// cookie (lib/listening/listener-time.ts); from then on everything live is fetched by the browser
// from /api/* (components/dashboard/dashboard.tsx).
import type { Metadata } from "next";
import { cookies } from "next/headers";
import { Dashboard } from "@/components/dashboard/dashboard";
import { pollPhaseMs } from "@/lib/client/poll-phase";
import {
  decodeListenerTime,
  FALLBACK_LISTENER_TIME,
  LISTENER_TIME_COOKIE,
} from "@/lib/listening/listener-time";
import { currentUser, requireViewer } from "../viewer";
import { readInitialPlayer } from "./initial-player";
import { readInitialRecent } from "./initial-recent";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  // Once Spotify wants a new sign-in there is nothing to read (null: the card says so).
  const userRead = currentUser();
  const [viewer, user, initialPlayer, initialRecent, jar] = await Promise.all([
    requireViewer(),
    userRead,
    readInitialPlayer(),
    userRead.then(readInitialRecent),
    cookies(),
  ]);
  const listenerTime = decodeListenerTime(jar.get(LISTENER_TIME_COOKIE)?.value) ?? FALLBACK_LISTENER_TIME;
  // The phase comes from the person's id, which itself stays on the server.
  return (
    <Dashboard
      viewer={viewer}
      pollPhaseMs={user ? pollPhaseMs(user.userId) : 0}
      initialPlayer={initialPlayer}
      initialRecent={initialRecent?.page ?? null}
      listenerTime={listenerTime}
      recentReadAt={initialRecent?.readAt}
    />
  );
}
