// One schedule per shared listener, however many watch. The overlay's viewers subscribe to the feed of
// the link they opened; the feed asks Spotify for the player on the dashboard's own schedule (at the
// item's end, every 15 s while playing, calmer when paused or idle: lib/client/poll-schedule.ts) and
// pushes a change to every viewer at once. So 1,000 viewers cost the calls of one dashboard, and
// nothing is asked while nobody watches. The card reads the same feed's latest answer and asks again
// only when that answer can no longer be right (too old, or its item has ended).
import "server-only";
import { createHash } from "node:crypto";
import type { PlayerState } from "@/lib/listening";
import { backoff, playerDelay } from "@/lib/client/poll-schedule";
import { ApiError } from "@/lib/errors";
import type { SharedListener } from "./share-links";
import type { ShareOptions } from "./share-options";
import { sameView, type SharedView, toSharedView } from "./shared-view";

/** What a viewer is sent: the view, with the server's clock for the progress bar, or the end. */
export type FeedEvent =
  { type: "view"; view: SharedView; options: ShareOptions; serverNow: number } | { type: "closed" };
export type Viewer = (event: FeedEvent) => void;

/**
 * How the feeds of several instances share one schedule (Redis: lib/share/redis-feed-relay.ts). One
 * instance holds a link's lease and asks Spotify; it publishes each change, and the others pass it on
 * to their viewers. Links are named by their secret's SHA-256, never by the secret.
 */
export type FeedRelay = {
  /** Takes or renews the link's lease for `ttlMs`; true when this instance now runs its schedule. */
  claim(link: string, ttlMs: number): Promise<boolean>;
  release(link: string): Promise<void>;
  /** Sends an event to every instance's viewers of the link, and keeps the latest for newcomers. */
  publish(link: string, event: FeedEvent): Promise<void>;
  latest(link: string): Promise<FeedEvent | null>;
  subscribe(link: string, onEvent: (event: FeedEvent) => void): () => void;
};

export type ShareFeedOptions = {
  /** The listener's player, from Spotify (through the per-person sharing of lib/spotify). */
  loadPlayer: (userId: string) => Promise<PlayerState>;
  /** The link behind a secret, or null once it was turned off or reset. */
  findListener: (secret: string) => Promise<SharedListener | null>;
  /** Most viewers of one listener at a time; one more is refused with a 429. */
  maxViewers: number;
  /** How often a watched link is checked to still be on (also on other instances, with no Redis). */
  recheckMs: number;
  /** How long a feed stays up after its last viewer left (an OBS scene switch, a reload). */
  lingerMs: number;
  /** The longest the card reuses an answer for. */
  cardMaxAgeMs: number;
  /** Several instances: one schedule per link for all of them. None: each instance runs its own. */
  relay?: FeedRelay | null | (() => FeedRelay | null);
  now?: () => number;
};

/** A schedule's lease across instances: renewed at every re-check, taken over once it lapses. */
const LEASE_MS = 15_000;

type Feed = {
  secret: string;
  /** The secret's SHA-256: the link's name in the relay. */
  link: string;
  /** solo: no relay; owner: runs the schedule for every instance; follower: passes the owner's on. */
  role: "solo" | "owner" | "follower";
  unsubscribeRelay: (() => void) | null;
  listener: SharedListener;
  viewers: Set<Viewer>;
  player: PlayerState | null;
  fetchedAt: number;
  view: SharedView | null;
  loading: Promise<PlayerState> | null;
  failures: number;
  pollTimer: ReturnType<typeof setTimeout> | null;
  recheckTimer: ReturnType<typeof setInterval> | null;
  lingerTimer: ReturnType<typeof setTimeout> | null;
  closed: boolean;
};

export type ShareFeeds = ReturnType<typeof createShareFeeds>;

export function createShareFeeds(config: ShareFeedOptions) {
  const now = config.now ?? Date.now;
  // Asked for when first needed: the process's Redis connects on first use, never at import (a build).
  let relayOnce: FeedRelay | null | undefined;
  const relayOf = () =>
    (relayOnce ??= typeof config.relay === "function" ? config.relay() : (config.relay ?? null));
  const feeds = new Map<string, Feed>();

  const feedFor = (secret: string, listener: SharedListener): Feed => {
    let feed = feeds.get(secret);
    if (!feed || feed.closed) {
      feed = {
        secret,
        link: createHash("sha256").update(secret).digest("hex"),
        role: "solo",
        unsubscribeRelay: null,
        listener,
        viewers: new Set(),
        player: null,
        fetchedAt: 0,
        view: null,
        loading: null,
        failures: 0,
        pollTimer: null,
        recheckTimer: null,
        lingerTimer: null,
        closed: false,
      };
      feeds.set(secret, feed);
    }
    return feed;
  };

  const send = (feed: Feed, event: FeedEvent) => {
    for (const viewer of feed.viewers) viewer(event);
  };

  /** One fetch at a time per feed: viewers, the card and the schedule share it. */
  const refresh = (feed: Feed): Promise<PlayerState> => {
    feed.loading ??= config
      .loadPlayer(feed.listener.userId)
      .then((player) => {
        feed.player = player;
        feed.fetchedAt = now();
        feed.failures = 0;
        publish(feed);
        return player;
      })
      .finally(() => {
        feed.loading = null;
      });
    return feed.loading;
  };

  /**
   * Sends the view when it changed (or when the options did: the theme, the size), to this
   * instance's viewers and, from the owner, to every other instance's. A follower's viewers hear the
   * owner only (a card read on a follower just refreshes its own answer).
   */
  const publish = (feed: Feed, force = false) => {
    if (!feed.player || feed.role === "follower") return;
    const view = toSharedView(feed.player, feed.listener.options);
    if (!force && feed.view && sameView(feed.view, view)) return;
    feed.view = view;
    const event = viewEvent(feed, view);
    send(feed, event);
    if (feed.role === "owner")
      relayOf()
        ?.publish(feed.link, event)
        .catch(() => {});
  };

  /** An event from the owner on another instance. */
  const receive = (feed: Feed, event: FeedEvent) => {
    if (feed.closed || feed.role !== "follower") return;
    if (event.type === "closed") return close(feed);
    feed.view = event.view;
    send(feed, event);
  };

  /**
   * With a relay: take the link's schedule if nobody runs it (or renew ours), else follow whoever
   * does. Redis not answering: run it here, as every instance did before Redis.
   */
  const lead = async (feed: Feed) => {
    const relay = relayOf();
    if (!relay) return;
    const owner = await relay.claim(feed.link, LEASE_MS).catch(() => true);
    if (feed.closed || feed.viewers.size === 0) return;
    if (owner && feed.role !== "owner") {
      feed.unsubscribeRelay?.();
      feed.unsubscribeRelay = null;
      feed.role = "owner";
      if (!feed.pollTimer && !feed.loading) void poll(feed);
    } else if (!owner && feed.role !== "follower") {
      feed.role = "follower";
      if (feed.pollTimer) clearTimeout(feed.pollTimer);
      feed.pollTimer = null;
      feed.unsubscribeRelay = relay.subscribe(feed.link, (event) => receive(feed, event));
      const latest = await relay.latest(feed.link).catch(() => null);
      if (latest && !feed.view) receive(feed, latest);
    }
  };

  const viewEvent = (feed: Feed, view: SharedView): FeedEvent => ({
    type: "view",
    view,
    options: feed.listener.options,
    serverNow: now(),
  });

  /** Whether this instance asks Spotify for the feed (someone watches, and no other instance does). */
  const runsSchedule = (feed: Feed) => !feed.closed && feed.viewers.size > 0 && feed.role !== "follower";

  const poll = async (feed: Feed) => {
    feed.pollTimer = null;
    if (!runsSchedule(feed)) return;
    let delay: number;
    try {
      const player = await refresh(feed);
      delay = playerDelay(player, 0, now());
    } catch (error) {
      feed.failures += 1;
      delay = failureDelay(error, feed.failures);
    }
    if (runsSchedule(feed)) feed.pollTimer = setTimeout(() => void poll(feed), delay);
  };

  /** Turned off or reset (here, or on another instance): every stream ends, and the schedule stops. */
  const recheck = async (feed: Feed) => {
    let listener: SharedListener | null;
    try {
      listener = await config.findListener(feed.secret);
    } catch {
      return; // the store is down: keep serving what is known, and ask again at the next check
    }
    if (!listener) return close(feed);
    if (JSON.stringify(listener.options) !== JSON.stringify(feed.listener.options)) {
      setOptions(feed, listener.options);
    }
    await lead(feed);
  };

  const setOptions = (feed: Feed, options: ShareOptions) => {
    feed.listener = { ...feed.listener, options };
    publish(feed, true);
  };

  const close = (feed: Feed) => {
    if (feed.closed) return;
    feed.closed = true;
    if (feed.role === "owner")
      relayOf()
        ?.publish(feed.link, { type: "closed" })
        .catch(() => {});
    stop(feed);
    send(feed, { type: "closed" });
    feed.viewers.clear();
  };

  /** Nothing more runs for this feed: timers, the relay's lease and subscription; it leaves the map. */
  const stop = (feed: Feed) => {
    if (feed.pollTimer) clearTimeout(feed.pollTimer);
    if (feed.recheckTimer) clearInterval(feed.recheckTimer);
    if (feed.lingerTimer) clearTimeout(feed.lingerTimer);
    feed.pollTimer = feed.recheckTimer = feed.lingerTimer = null;
    feed.unsubscribeRelay?.();
    feed.unsubscribeRelay = null;
    if (feed.role === "owner")
      relayOf()
        ?.release(feed.link)
        .catch(() => {});
    feed.role = "solo";
    if (feeds.get(feed.secret) === feed) feeds.delete(feed.secret);
  };

  return {
    /**
     * Adds a viewer to the listener's feed: it gets the current view at once (when known) and every
     * change after. Returns the unsubscribe. Throws a 429 past `maxViewers`.
     */
    watch(secret: string, listener: SharedListener, viewer: Viewer): () => void {
      const feed = feedFor(secret, listener);
      if (feed.viewers.size >= config.maxViewers) {
        throw new ApiError(
          "rate_limited",
          `This overlay already has ${config.maxViewers} viewers; try again later.`,
          60,
        );
      }
      feed.viewers.add(viewer);
      if (feed.lingerTimer) clearTimeout(feed.lingerTimer);
      feed.lingerTimer = null;
      if (feed.view) viewer(viewEvent(feed, feed.view));
      if (relayOf()) {
        if (feed.role === "solo") void lead(feed);
      } else if (!feed.pollTimer && !feed.loading) {
        void poll(feed);
      }
      feed.recheckTimer ??= setInterval(() => void recheck(feed), config.recheckMs);
      return () => {
        feed.viewers.delete(viewer);
        if (feed.viewers.size > 0 || feed.closed) return;
        feed.lingerTimer = setTimeout(() => {
          if (feed.viewers.size === 0) stop(feed);
        }, config.lingerMs);
      };
    },

    /** The view for the card: the feed's answer while it can still be right, else a fresh one. */
    async snapshot(secret: string, listener: SharedListener): Promise<{ view: SharedView; readAt: number }> {
      const feed = feedFor(secret, listener);
      if (!feed.player || !stillRight(feed.player, feed.fetchedAt, now(), config.cardMaxAgeMs)) {
        await refresh(feed);
      }
      // No viewers: nothing else holds the feed, so the map keeps only what is in use.
      if (feed.viewers.size === 0 && !feed.pollTimer) scheduleForget(feed);
      return { view: toSharedView(feed.player!, listener.options), readAt: feed.fetchedAt };
    },

    /** Sharing turned off or links reset on this instance: close the listener's streams now. */
    closeListener(userId: string): void {
      for (const feed of [...feeds.values()]) if (feed.listener.userId === userId) close(feed);
    },

    /** New options saved on this instance: open overlays show them at once (elsewhere at the next check). */
    updateOptions(userId: string, options: ShareOptions): void {
      for (const feed of feeds.values()) if (feed.listener.userId === userId) setOptions(feed, options);
    },

    /** For tests and the benchmark: feeds alive, viewers in all. */
    stats(): { feeds: number; viewers: number } {
      let viewers = 0;
      for (const feed of feeds.values()) viewers += feed.viewers.size;
      return { feeds: feeds.size, viewers };
    },
  };

  function scheduleForget(feed: Feed) {
    if (feed.lingerTimer) return;
    feed.lingerTimer = setTimeout(() => {
      if (feed.viewers.size === 0 && feeds.get(feed.secret) === feed) feeds.delete(feed.secret);
    }, config.cardMaxAgeMs);
    feed.lingerTimer.unref?.();
  }
}

/**
 * Whether an answer read at `fetchedAt` still describes the player at `at`: young enough, and, while
 * playing, its item not yet over (the item's end is when the answer goes wrong: the next poll's mark).
 */
export function stillRight(player: PlayerState, fetchedAt: number, at: number, maxAgeMs: number): boolean {
  if (at - fetchedAt >= maxAgeMs) return false;
  if (player.state !== "playing") return true;
  const duration = player.durationMs ?? player.item?.durationMs ?? null;
  if (duration === null || player.progressMs === null) return true;
  return player.progressMs + (at - player.readAt) < duration;
}

function failureDelay(error: unknown, failures: number): number {
  if (error instanceof ApiError) {
    if (error.code === "rate_limited" && error.retryAfterSeconds !== undefined) {
      return Math.max(1_000, error.retryAfterSeconds * 1000);
    }
    // Signed out of Spotify for good: asking again soon cannot help; the owner's next sign-in will.
    if (error.code === "reauth_required") return 5 * 60_000;
  }
  return backoff(failures);
}
