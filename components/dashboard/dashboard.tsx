"use client";
// The dashboard's body (below the signed-in header of app/(app)/layout.tsx): the live now-playing card
// beside (or, on a phone, above) the recent plays, with one notice explaining anything that keeps
// them from being live.
import { useQuery } from "@tanstack/react-query";
import { memo, Suspense, useDeferredValue } from "react";
import type { Viewer } from "@/lib/auth/viewer";
import type { ListenerTime } from "@/lib/listening/listener-time";
import type { RecentPage } from "@/lib/listening/recent-page";
import { useListenerTime } from "@/lib/client/use-listener-time";
import { describeConnection, isSignInError, needsListener } from "@/lib/client/connection";
import { playerQueryOptions, serverPlayerSnapshot } from "@/lib/client/queries";
import type { PlayerState } from "@/lib/listening";
import { useRecentPlays } from "@/lib/client/use-recent-plays";
import { ConnectionNotice } from "./connection-notice";
import { NowPlayingCard } from "./now-playing-card";
import { DashboardMain } from "./dashboard-main";
import { RecentPlaysList } from "./recent-plays-list";

export function Dashboard({
  viewer,
  pollPhaseMs,
  initialPlayer,
  initialRecent,
  listenerTime,
  recentReadAt,
}: {
  viewer: Viewer;
  pollPhaseMs: number;
  /** What the server read while drawing the page (null: it could not), so the card comes drawn. */
  initialPlayer: PlayerState | null;
  /** The recent plays' first page, likewise, so the list comes drawn. */
  initialRecent: RecentPage | null;
  /** The zone and locale the server drew times in (the browser's own from its cookie, or UTC). */
  listenerTime: ListenerTime;
  /** When the server read `initialRecent` (the list's clock while hydrating). */
  recentReadAt: number | undefined;
}) {
  // Once Spotify wants a new sign-in, nothing (not even focusing the tab) asks the server again.
  const player = useQuery({
    ...playerQueryOptions({ phaseMs: pollPhaseMs }),
    // Only when the tab has no answer yet (a later visit keeps its polled one). Fresh as of the
    // page's arrival: the next poll comes on the schedule, not at once.
    initialData: initialPlayer ? serverPlayerSnapshot(initialPlayer) : undefined,
    enabled: (query) => !viewer.reauthRequired && !isSignInError(query.state.error),
  });
  const signInNeeded = viewer.reauthRequired || isSignInError(player.error);
  const recent = useRecentPlays({
    enabled: !signInNeeded,
    snapshot: player.data,
    initialPage: initialRecent,
  });
  const shownTime = useListenerTime(listenerTime);
  // The list is most of the page's work (a row, a cover and two times for each play): drawn in the
  // background, in small slices, so that its arrival never holds up the page (no long task).
  const list = useDeferredValue({ query: recent.query, plays: recent.plays, arrived: recent.arrived });

  // The player is polled, so its error says whether the dashboard is live. The list is not: its
  // transient failures show inline ("Try again"), and only what needs the listener surfaces here.
  const notice = describeConnection(
    [
      player.isError ? player.error : null,
      ...[recent.query.error, recent.refreshError].filter(needsListener),
    ],
    signInNeeded,
  );

  return (
    <DashboardMain
      notice={notice === null ? null : <ConnectionNotice notice={notice} />}
      // Each part in a boundary of its own: the browser hydrates them one after the other, in the
      // background and in small slices, rather than the whole page in one long task.
      card={
        <Suspense>
          <NowPlayingCard
            player={player.data?.player}
            offsetMs={player.data?.offsetMs ?? 0}
            receivedAt={player.data?.receivedAt}
            lastPlay={recent.plays[0]}
            failed={player.isError}
            signInNeeded={signInNeeded}
            shownTime={shownTime}
          />
        </Suspense>
      }
      list={
        <Suspense>
          <DeferredList {...list} shownTime={shownTime} readAt={recentReadAt} />
        </Suspense>
      }
    />
  );
}

// Memoized: while the background render is due, the urgent one skips the list.
const DeferredList = memo(RecentPlaysList);
