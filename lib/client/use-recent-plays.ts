"use client";
// The recent-plays list and how it stays fresh without polling: one `after=` call when the window
// regains focus and when what is playing changes (a play is logged when an item ends, sometimes late,
// so it re-checks after a few seconds and once more after ~35 s if nothing new has arrived yet).
import { focusManager, useInfiniteQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { errorPolicy } from "@/lib/errors";
import type { Play } from "@/lib/listening";
import { expectsLoggedPlay, flattenPages } from "@/lib/listening/plays";
import { isApiClientError } from "./api-fetch";
import type { RecentPage } from "@/lib/listening/recent-page";
import { type PlayerSnapshot, fetchNewerPlays, recentPlaysQueryOptions } from "./queries";

/** After a change of item: check now, then again after these delays while nothing new arrived. */
export const RECHECK_DELAYS_MS = [0, 3_000, 35_000] as const;
/** Focus events come in bursts (alt-tab, clicks between windows); one check per this long. */
const FOCUS_THROTTLE_MS = 10_000;
/** A check this soon after the last one would learn nothing new (focus and a change of item often coincide). */
const MIN_GAP_MS = 2_000;
/** How long a newly arrived row stays marked as new (its highlight animation lasts 3 s). */
const ARRIVAL_MS = 4_000;

export function useRecentPlays({
  enabled,
  snapshot,
  initialPage,
}: {
  enabled: boolean;
  snapshot: PlayerSnapshot | undefined;
  /** The first page as the server read it while drawing the page (null: it could not). */
  initialPage?: RecentPage | null;
}) {
  const client = useQueryClient();
  const query = useInfiniteQuery({
    ...recentPlaysQueryOptions(),
    // Only when the tab has none yet (a later visit keeps what it has and merged since).
    initialData: initialPage ? { pages: [initialPage], pageParams: [null] } : undefined,
    enabled,
  });
  const plays: Play[] = useMemo(() => (query.data ? flattenPages(query.data.pages) : []), [query.data]);
  const [arrived, setArrived] = useState<ReadonlySet<string>>(() => new Set());
  const [refreshError, setRefreshError] = useState<unknown>(null);

  const inFlight = useRef(false);
  const blockedUntil = useRef(0);
  const lastFocusCheck = useRef(0);
  const lastCheckAt = useRef(0);
  const lastFoundAt = useRef(0);
  const sequence = useRef<{ timer: number | undefined; cancelled: boolean } | null>(null);
  const previous = useRef<PlayerSnapshot | undefined>(undefined);

  /** One `after=` check; resolves true when something new came in (or the list was reloaded). */
  const check = useCallback(async (): Promise<boolean> => {
    const now = Date.now();
    if (inFlight.current || now < blockedUntil.current || now - lastCheckAt.current < MIN_GAP_MS)
      return false;
    inFlight.current = true;
    try {
      const { added, reloaded } = await fetchNewerPlays(client);
      setRefreshError(null);
      if (reloaded || added.length > 0) lastFoundAt.current = Date.now();
      if (added.length > 0) {
        setArrived((current) => new Set([...current, ...added]));
        window.setTimeout(() => {
          setArrived((current) => new Set([...current].filter((key) => !added.includes(key))));
        }, ARRIVAL_MS);
      }
      return reloaded || added.length > 0;
    } catch (error) {
      if (isApiClientError(error) && errorPolicy(error.code).retry === "after-wait") {
        blockedUntil.current = Date.now() + (error.retryAfterSeconds ?? 30) * 1000;
      }
      setRefreshError(error);
      return false;
    } finally {
      inFlight.current = false;
      lastCheckAt.current = Date.now();
    }
  }, [client]);

  const cancelSequence = useCallback(() => {
    if (sequence.current) {
      sequence.current.cancelled = true;
      window.clearTimeout(sequence.current.timer);
      sequence.current = null;
    }
  }, []);

  const startSequence = useCallback(
    (delays: readonly number[]) => {
      cancelSequence();
      const run = { timer: undefined as number | undefined, cancelled: false };
      const startedAt = Date.now();
      sequence.current = run;
      const step = (index: number) => {
        const delay = delays[index];
        if (delay === undefined || run.cancelled) return;
        run.timer = window.setTimeout(async () => {
          // A focus check may already have brought the play in. A hidden tab asks nothing: coming
          // back to it checks anyway (below).
          if (lastFoundAt.current >= startedAt || !focusManager.isFocused()) return;
          const found = await check();
          if (!found && !run.cancelled) step(index + 1);
        }, delay);
      };
      step(0);
    },
    [cancelSequence, check],
  );

  // What is playing changed after a track heard long enough to be logged: it is (about to be) a new play.
  useEffect(() => {
    if (!enabled || !snapshot) return;
    const prev = previous.current;
    previous.current = snapshot;
    // After a stop the moment is unknown (only an upper bound): one check, no re-checks; a play
    // logged late shows on the next change or focus.
    if (expectsLoggedPlay(prev, snapshot)) {
      startSequence(snapshot.player.state === "idle" ? [0] : RECHECK_DELAYS_MS);
    }
  }, [enabled, snapshot, startSequence]);

  // Back to the tab: whatever played meanwhile.
  useEffect(() => {
    if (!enabled) return;
    return focusManager.subscribe((focused) => {
      if (!focused || Date.now() - lastFocusCheck.current < FOCUS_THROTTLE_MS) return;
      lastFocusCheck.current = Date.now();
      void check();
    });
  }, [enabled, check]);

  useEffect(() => cancelSequence, [cancelSequence]);

  return { query, plays, arrived, refreshError };
}
