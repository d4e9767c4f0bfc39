"use client";
// The time zone and locale the dashboard shows times in. While hydrating: the ones the server drew
// with (its cookie, components/layout/listener-time-script.tsx, or UTC), so that both draw the same.
// Then, in idle time, the browser's own, redrawn as a transition (in the background, in slices):
// nothing changes unless the cookie was missing or out of date. Exact times ("Mon, 24 Nov 2025,
// 14:05:09 CET") wait for the browser's own: a zone's short name and the locale's wording are the
// runtime's, which the server's need not match.
import { startTransition, useEffect, useState } from "react";
import type { ListenerTime } from "@/lib/listening/listener-time";
import { localListenerTime } from "./format-time";
import { useHydrating } from "./use-hydrating";

export type ShownTime = {
  timeZone: string;
  /** undefined: the runtime's own. */
  locale: string | undefined;
  /** The browser's own zone and locale (not the server's guess): exact times can be shown. */
  own: boolean;
};

const browsers = (): ShownTime => ({ timeZone: localListenerTime().timeZone, locale: undefined, own: true });

export function useListenerTime(server: ListenerTime): ShownTime {
  const hydrating = useHydrating();
  const [shown, setShown] = useState<ShownTime>(() =>
    hydrating ? { timeZone: server.timeZone, locale: server.locale, own: false } : browsers(),
  );
  useEffect(() => {
    if (shown.own) return;
    const settle = () => startTransition(() => setShown(browsers()));
    // Safari has no requestIdleCallback: a timeout after the current work does nearly as well.
    if (typeof window.requestIdleCallback === "function") {
      const id = window.requestIdleCallback(settle);
      return () => window.cancelIdleCallback(id);
    }
    const id = window.setTimeout(settle, 0);
    return () => window.clearTimeout(id);
  }, [shown.own]);
  return shown;
}
