// A per-link request limit for the public /share/ routes: a fixed one-minute window per secret, in
// this process. A link is public (in a README, in OBS), so this bounds what any one link can make the
// server do; it is generous enough for hundreds of overlay viewers connecting and a busy README.
import "server-only";
import { ApiError } from "@/lib/errors";

export const SHARE_REQUESTS_PER_MINUTE = 1_200;
const WINDOW_MS = 60_000;

export function createLinkRateLimit(limit = SHARE_REQUESTS_PER_MINUTE, now: () => number = Date.now) {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    /** Counts one request on `key`; throws a 429 with Retry-After once the window's limit is used. */
    take(key: string): void {
      const at = now();
      let window = windows.get(key);
      if (!window || at - window.start >= WINDOW_MS) {
        if (windows.size > 10_000) prune(at);
        window = { start: at, count: 0 };
        windows.set(key, window);
      }
      window.count += 1;
      if (window.count > limit) {
        const retryAfter = Math.max(1, Math.ceil((window.start + WINDOW_MS - at) / 1000));
        throw new ApiError("rate_limited", "Too many requests for this link; try again shortly.", retryAfter);
      }
    },
  };

  function prune(at: number) {
    for (const [key, window] of windows) if (at - window.start >= WINDOW_MS) windows.delete(key);
  }
}

export const linkRateLimit = createLinkRateLimit();
