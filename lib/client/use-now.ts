"use client";
// The current time, re-read every `intervalMs` while `active`: drives progress bars, countdowns and
// relative times without each of them owning a timer.
import { startTransition, useEffect, useState } from "react";
import { useHydrating } from "./use-hydrating";

/**
 * `hydrationNow`: the time the server drew the component at, used on the server and while hydrating
 * so that both draw the same thing (the browser's own clock takes over right after).
 */
export function useNow(intervalMs: number, active = true, hydrationNow?: number): number {
  const hydrating = useHydrating();
  const [now, setNow] = useState(() => (hydrating && hydrationNow !== undefined ? hydrationNow : Date.now()));
  useEffect(() => {
    if (!active) return;
    // A transition: a clock tick is never urgent. An urgent one (every 250 ms for a progress bar)
    // would interrupt, and restart from scratch, any background render in progress, such as the
    // recent plays' first draw, until React gave up slicing it and drew it in one long task.
    const tick = () => startTransition(() => setNow(Date.now()));
    const id = window.setInterval(tick, intervalMs);
    // Catch up at once when a hidden tab comes back (timers are throttled while hidden).
    document.addEventListener("visibilitychange", tick);
    const first = window.setTimeout(tick, 0);
    return () => {
      window.clearInterval(id);
      window.clearTimeout(first);
      document.removeEventListener("visibilitychange", tick);
    };
  }, [intervalMs, active]);
  return now;
}
