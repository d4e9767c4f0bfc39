// Per-person request sharing: several tabs or a double render asking for the same resource at about
// the same moment share one upstream call (in flight), and its result for a short while after.
// Keys always start with the person's Spotify id, so one person's data is never served to another.
import "server-only";
import { getConfig } from "@/lib/config";

const inflight = new Map<string, Promise<unknown>>();
const recent = new Map<string, { value: unknown; until: number }>();

export function sharedFetch<T>(userId: string, resource: string, load: () => Promise<T>): Promise<T> {
  const ttlMs = getConfig().spotify.shareMs;
  if (ttlMs === 0) return load(); // sharing turned off (SPOTIFY_SHARE_MS=0, for benchmarks)
  const key = `${userId}\u0000${resource}`;
  const now = Date.now();
  const hit = recent.get(key);
  if (hit && hit.until > now) return Promise.resolve(hit.value as T);

  const pending = inflight.get(key);
  if (pending) return pending as Promise<T>;

  const started = load().then(
    (value) => {
      inflight.delete(key);
      prune(Date.now());
      recent.set(key, { value, until: Date.now() + ttlMs });
      return value;
    },
    (error: unknown) => {
      inflight.delete(key); // failures are shared by those waiting, never cached
      throw error;
    },
  );
  inflight.set(key, started);
  return started;
}

function prune(now: number) {
  for (const [key, entry] of recent) if (entry.until <= now) recent.delete(key);
}

/** Test hook. */
export function clearSharedFetches() {
  inflight.clear();
  recent.clear();
}
