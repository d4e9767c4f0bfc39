"use client";
// The current time, re-read every `intervalMs` while `active`: drives progress bars, countdowns and
// relative times without each of them owning a timer.
import { useEffect, useState } from "react";

export function useNow(intervalMs: number, active = true): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const tick = () => setNow(Date.now());
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
