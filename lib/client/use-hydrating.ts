"use client";
// Whether this component was first drawn by the server and is being hydrated (true; always true on
// the server), or was mounted in the browser after the page had hydrated (false). What the server drew
// must be drawn again, identically, while hydrating: anything the server cannot know (the browser's
// clock) waits for a render after. Read once per mount: its callers only seed their first state with it.
//
// Not useSyncExternalStore with a server snapshot that differs from the browser's, as before: React
// then re-renders every caller synchronously right after the hydration commit, and flushes all of the
// page's passive effects in that same task, which made hydration one long task (Lighthouse's blocking
// time on the dashboard).
import { useEffect, useState } from "react";

/** Set once a hydrated component's effects have run: the page's hydration has committed. */
let pageHydrated = false;

export function useHydrating(): boolean {
  const [hydrating] = useState(() => typeof window === "undefined" || !pageHydrated);
  useEffect(() => {
    pageHydrated = true;
  }, []);
  return hydrating;
}
