"use client";
// Keeps an open history page current: new plays reach the store whenever the recorder or an open
// dashboard syncs, so the page asks the store (never Spotify) every POLL.liveHistoryMs while it is
// visible, and at once when it becomes visible again. The checks keep to a fixed grid shifted by the
// person's phase (lib/client/poll-phase.ts), not "15 s after the last answer", so that open pages
// stay spread over the period instead of bunching up where the server is slowest.
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { fetchNewerHistory } from "./history-queries";
import { POLL, alignedDelay } from "./poll-schedule";

/** How long a newly arrived row stays highlighted (its animation lasts 3 s). */
const ARRIVAL_MS = 4_000;

export function useLiveHistory(apiQuery: string, enabled: boolean, phaseMs: number): ReadonlySet<string> {
  const client = useQueryClient();
  const [arrived, setArrived] = useState<ReadonlySet<string>>(() => new Set());
  const inFlight = useRef(false);

  useEffect(() => {
    if (!enabled) return;
    let timer: number | undefined;
    // Set by the clean-up: a check still in flight then (the filters changed, the page was left)
    // must not arm another timer, which nothing would clear.
    let stopped = false;
    const check = async () => {
      if (inFlight.current || document.visibilityState !== "visible") return;
      inFlight.current = true;
      try {
        const { added } = await fetchNewerHistory(client, apiQuery);
        if (added.length > 0) {
          setArrived((current) => new Set([...current, ...added]));
          window.setTimeout(
            () => setArrived((current) => new Set([...current].filter((id) => !added.includes(id)))),
            ARRIVAL_MS,
          );
        }
      } catch {
        // A failed check changes nothing on screen; the next one tries again.
      } finally {
        inFlight.current = false;
      }
    };
    const schedule = () => {
      timer = window.setTimeout(
        async () => {
          await check();
          if (!stopped) schedule();
        },
        alignedDelay(POLL.liveHistoryMs, Date.now() - phaseMs),
      );
    };
    const onVisible = () => {
      if (document.visibilityState === "visible") void check();
    };
    schedule();
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      stopped = true;
      window.clearTimeout(timer);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [client, apiQuery, enabled, phaseMs]);

  return arrived;
}
