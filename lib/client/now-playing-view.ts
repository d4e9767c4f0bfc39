// What the now-playing card shows, decided in one pure function so every kind of playback (track,
// episode, local file, ad, unknown, idle) renders through the same fixed layout.
import type { ImageSet, Link, Play, PlayerState } from "@/lib/listening";
import { type CoverKind, coverKind } from "@/lib/listening/images";
import { formatRelative, type TimeOptions } from "./format-time";

export type CardStatus = "loading" | "playing" | "paused" | "idle" | "offline";

export type NowPlayingView = {
  status: CardStatus;
  /** The state pill's text: "Playing", "Paused", "Not playing"… */
  statusLabel: string;
  title: string;
  titleUrl: string | null;
  /** Artists (track) or the show (episode); empty when `subtitle` says something else. */
  artists: Link[];
  subtitle: string | null;
  /** Album (track) or publisher line (episode); shown as plain text when its `url` is null. */
  detail: Link | null;
  explicit: boolean;
  images: ImageSet | null;
  cover: CoverKind;
  coverAlt: string;
  /** Idle shows the last play's cover, faded. */
  dimmed: boolean;
  /** Whether the progress row is meaningful (hidden, not removed, otherwise). */
  showProgress: boolean;
  badge: string | null;
};

const NO_IMAGES: ImageSet = { small: null, medium: null, large: null };

export function describeNowPlaying(
  player: PlayerState | undefined,
  options: { lastPlay?: Play | undefined; failed?: boolean; signInNeeded?: boolean } & TimeOptions = {},
): NowPlayingView {
  const base: NowPlayingView = {
    status: "loading",
    statusLabel: "Loading",
    title: "",
    titleUrl: null,
    artists: [],
    subtitle: null,
    detail: null,
    explicit: false,
    images: null,
    cover: "none",
    coverAlt: "",
    dimmed: false,
    showProgress: false,
    badge: null,
  };

  if (!player) {
    if (options.signInNeeded) {
      return {
        ...base,
        status: "offline",
        statusLabel: "Signed out",
        title: "Sign in to see what's playing",
        subtitle: "Your Spotify sign-in expired",
      };
    }
    if (options.failed) {
      return {
        ...base,
        status: "offline",
        statusLabel: "Offline",
        title: "Couldn't load what's playing",
        subtitle: "We'll keep trying",
      };
    }
    return base;
  }

  if (player.state === "idle") {
    const last = options.lastPlay;
    const view: NowPlayingView = {
      ...base,
      status: "idle",
      statusLabel: "Not playing",
      title: "Nothing playing right now",
    };
    if (!last) return { ...view, subtitle: "Play something on Spotify and it shows up here" };
    const track = last.track;
    return {
      ...view,
      subtitle: `Last played: ${track.title} · ${track.artists.map((a) => a.name).join(", ")}`,
      detail: { name: formatRelative(last.playedAt, options), url: null },
      images: track.images,
      cover: coverKind(track),
      coverAlt: `Cover of ${track.album?.name ?? track.title}`,
      dimmed: true,
    };
  }

  const playing: NowPlayingView = {
    ...base,
    status: player.state,
    statusLabel: player.state === "playing" ? "Playing" : "Paused",
    showProgress: true,
  };

  if (player.kind === "ad") {
    return {
      ...playing,
      title: "Advertisement",
      subtitle: "Your music continues after the break",
      cover: "ad",
      badge: "Ad",
    };
  }

  const item = player.item;
  if (!item) {
    return {
      ...playing,
      title: "Something is playing",
      subtitle: "Spotify didn't say what",
      cover: "unknown",
    };
  }

  if (item.kind === "episode") {
    return {
      ...playing,
      title: item.title,
      titleUrl: item.url,
      artists: [{ name: item.show.name, url: item.show.url }],
      detail: item.show.publisher ? { name: item.show.publisher, url: null } : null,
      explicit: item.explicit,
      images: item.images,
      cover: coverKind(item),
      coverAlt: `Artwork of ${item.show.name}`,
      badge: "Podcast",
    };
  }

  return {
    ...playing,
    title: item.title,
    titleUrl: item.url,
    artists: item.artists,
    detail: item.album,
    explicit: item.explicit,
    images: item.isLocal ? NO_IMAGES : item.images,
    // Playing, a local file shows its placeholder and badge, whatever art it carries.
    cover: item.isLocal ? "local" : coverKind(item),
    coverAlt: item.album ? `Cover of ${item.album.name}` : `Cover of ${item.title}`,
    badge: item.isLocal ? "Local file" : null,
  };
}
