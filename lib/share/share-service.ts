// What the /share/ routes and Settings call: the process's feeds (one schedule per watched link), the
// card, and closing a link's streams when its owner turns sharing off or resets the links.
import "server-only";
import { spotifyAccessFor } from "@/lib/auth/spotify-access";
import { getDb } from "@/lib/db/connection";
import { readHistory } from "@/lib/history/history-page";
import { getPlayerState } from "@/lib/spotify/listening-service";
import { ApiError } from "@/lib/errors";
import { renderCardSvg, type LastPlayed } from "./card-svg";
import { coverDataUri } from "./cover-data-uri";
import { createHash } from "node:crypto";
import { getSharedRedis } from "@/lib/shared/redis";
import { InProcessRequestLimit, type RequestLimit, SharedRequestLimit } from "@/lib/shared/request-limit";
import { createRedisFeedRelay } from "./redis-feed-relay";
import { createShareFeeds } from "./share-feed";
import { findSharedListener, type SharedListener } from "./share-links";

export const shareFeeds = createShareFeeds({
  loadPlayer: async (userId) => getPlayerState(await spotifyAccessFor(userId)),
  findListener: (secret) => findSharedListener(secret),
  maxViewers: 1_000,
  recheckMs: 5_000,
  lingerMs: 15_000,
  cardMaxAgeMs: 60_000,
  // With REDIS_URL, one instance runs each watched link's schedule and the others relay its changes.
  relay: () => {
    const redis = getSharedRedis();
    return redis ? createRedisFeedRelay(redis) : null;
  },
});

/**
 * Requests a minute one link may make (the overlay's page and stream, the card), across instances
 * with Redis: a link is public, so this bounds what any one link can make the server do, and is
 * generous enough for hundreds of viewers connecting at once and a busy README.
 */
export const SHARE_REQUESTS_PER_MINUTE = 1_200;
let linkLimit: RequestLimit | undefined;
const limitOf = () => {
  const redis = getSharedRedis();
  linkLimit ??= redis
    ? new SharedRequestLimit(redis, SHARE_REQUESTS_PER_MINUTE)
    : new InProcessRequestLimit(SHARE_REQUESTS_PER_MINUTE);
  return linkLimit;
};

/**
 * The live link behind `secret`, counted against its rate limit; a 404 for anything else (unknown,
 * malformed, turned off or reset: the same answer, so a guess learns nothing).
 */
export async function openLink(secret: string): Promise<SharedListener> {
  // Counted under the secret's hash: the secret itself never leaves the process.
  const limit = await limitOf().hit(`share:${createHash("sha256").update(secret).digest("hex")}`);
  if (!limit.allowed) {
    throw new ApiError(
      "rate_limited",
      "Too many requests for this link; try again shortly.",
      limit.retryAfterSeconds,
    );
  }
  const listener = await findSharedListener(secret);
  if (!listener) throw new ApiError("not_found", "There is no such link.");
  return listener;
}

export async function drawCard(secret: string, listener: SharedListener, now = Date.now()): Promise<string> {
  let snapshot: Awaited<ReturnType<typeof shareFeeds.snapshot>> | null = null;
  try {
    snapshot = await shareFeeds.snapshot(secret, listener);
  } catch (error) {
    console.error(`[share] the card could not ask Spotify: ${(error as Error).message}`);
  }
  const view = snapshot?.view ?? ({ state: "idle" } as const);
  const lastPlayed = view.state === "idle" ? await newestPlay(listener.userId) : null;
  const cover = view.state === "idle" ? null : await coverDataUri(view.coverUrl);
  return renderCardSvg({
    view,
    lastPlayed,
    options: listener.options,
    cover,
    now,
    unavailable: snapshot === null,
  });
}

async function newestPlay(userId: string): Promise<LastPlayed | null> {
  try {
    const page = await readHistory(getDb(), userId, { filters: {}, after: null, limit: 1 });
    const play = page.plays[0];
    return play
      ? { title: play.track.title, artists: play.track.artists.map((a) => a.name), playedAt: play.playedAt }
      : null;
  } catch {
    return null; // the store is down: the card says "Not playing" rather than failing
  }
}
