// Per-person request sharing: several tabs or a double render asking for the same resource at about
// the same moment share one upstream call (in flight), and its result for a short while after.
// Keys always start with the person's Spotify id, so one person's data is never served to another.
import "server-only";

const DEFAULT_TTL_MS = 1_000;
const ttlMs = readTtl();

const inflight = new Map<string, Promise<unknown>>();
const recent = new Map<string, { value: unknown; until: number }>();

export function sharedFetch<T>(userId: string, resource: string, load: () => Promise<T>): Promise<T> {
  if (ttlMs === 0) return load(); // sharing turned off (benchmarks)
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

/** `SPOTIFY_SHARE_MS`: how long a result is reused (default 1000; 0 turns sharing off entirely). */
function readTtl(): number {
  const raw = process.env.SPOTIFY_SHARE_MS;
  const value = raw === undefined || raw === "" ? DEFAULT_TTL_MS : Number(raw);
  return Number.isFinite(value) && value >= 0 ? value : DEFAULT_TTL_MS;
}

/** Test hook. */
export function clearSharedFetches() {
  inflight.clear();
  recent.clear();
}
