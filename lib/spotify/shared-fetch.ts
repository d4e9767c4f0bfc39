// Per-person request sharing: several tabs or a double render asking for the same resource at about
// the same moment share one upstream call (in flight), and its result for a short while after.
// Keys always start with the person's Spotify id, so one person's data is never served to another.
import "server-only";
import { getConfig } from "@/lib/config";

export type SharedFetch = <T>(userId: string, resource: string, load: () => Promise<T>) => Promise<T>;

export type SharedFetchOptions = {
  /** How long a result is shared after it arrived; 0 turns sharing off (every call loads). */
  ttlMs: () => number;
  now?: () => number;
};

export function createSharedFetch({ ttlMs, now = Date.now }: SharedFetchOptions): SharedFetch {
  const inflight = new Map<string, Promise<unknown>>();
  const recent = new Map<string, { value: unknown; until: number }>();

  const prune = (at: number) => {
    for (const [key, entry] of recent) if (entry.until <= at) recent.delete(key);
  };

  return <T>(userId: string, resource: string, load: () => Promise<T>): Promise<T> => {
    const ttl = ttlMs();
    if (ttl === 0) return load(); // sharing turned off (SPOTIFY_SHARE_MS=0, for benchmarks)
    const key = `${userId}\u0000${resource}`;
    const hit = recent.get(key);
    if (hit && hit.until > now()) return Promise.resolve(hit.value as T);

    const pending = inflight.get(key);
    if (pending) return pending as Promise<T>;

    const started = load().then(
      (value) => {
        inflight.delete(key);
        prune(now());
        recent.set(key, { value, until: now() + ttl });
        return value;
      },
      (error: unknown) => {
        inflight.delete(key); // failures are shared by those waiting, never cached
        throw error;
      },
    );
    inflight.set(key, started);
    return started;
  };
}

/** The process's sharing, for SPOTIFY_SHARE_MS (read when first used). */
export const sharedFetch: SharedFetch = createSharedFetch({ ttlMs: () => getConfig().spotify.shareMs });
