// Covers for the README card, embedded as data: URIs (GitHub's proxy loads nothing an SVG links to).
// Only from Spotify's image CDNs (or, in demo mode, the emulator), only images, at most 256 kB, and
// kept by URL: a cover URL never changes its picture, so each is fetched once while it is in use.
import "server-only";
import { getConfig } from "@/lib/config";

const MAX_BYTES = 256 * 1024;
const TIMEOUT_MS = 3_000;
const KEEP = 64;
const TYPES = new Set(["image/jpeg", "image/png", "image/webp", "image/svg+xml"]);
const SPOTIFY_CDN = /^https:\/\/([a-z0-9-]+\.)*(scdn\.co|spotifycdn\.com)$/;

const cache = new Map<string, string>();

/** The cover as a data: URI, or null when it cannot be had (the card then draws none). */
export async function coverDataUri(url: string | null): Promise<string | null> {
  if (!url || !allowed(url)) return null;
  const hit = cache.get(url);
  if (hit !== undefined) {
    cache.delete(url); // re-inserted: the Map's order is the recency
    cache.set(url, hit);
    return hit;
  }
  const data = await download(url);
  // A failure is not kept: the next card tries again (cards are rate limited per link).
  if (data === null) return null;
  cache.set(url, data);
  if (cache.size > KEEP) cache.delete(cache.keys().next().value!);
  return data;
}

function allowed(url: string): boolean {
  let origin: string;
  try {
    origin = new URL(url).origin;
  } catch {
    return false;
  }
  const config = getConfig();
  return (
    SPOTIFY_CDN.test(origin) || (config.mode === "demo" && origin === new URL(config.spotify.apiUrl).origin)
  );
}

async function download(url: string): Promise<string | null> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS), redirect: "error" });
    const type = response.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase() ?? "";
    if (!response.ok || !TYPES.has(type)) return null;
    const body = Buffer.from(await response.arrayBuffer());
    if (body.length > MAX_BYTES) return null;
    return `data:${type};base64,${body.toString("base64")}`;
  } catch {
    return null;
  }
}
