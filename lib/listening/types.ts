// The app's own types for what someone is listening to. Route handlers answer with these (never
// with Spotify's payloads) and the browser renders them; lib/spotify/normalize.ts builds them.

/** Cover or show art by size: Spotify sends 640, 300 and 64 px; any of them may be missing. */
export type ImageSet = { small: string | null; medium: string | null; large: string | null };

export type Link = { name: string; url: string | null };

export type Track = {
  kind: "track";
  /** Null for a local file, which has no Spotify id, link or cover. */
  id: string | null;
  title: string;
  artists: Link[];
  album: Link | null;
  images: ImageSet;
  durationMs: number;
  url: string | null;
  explicit: boolean;
  isLocal: boolean;
};

export type Episode = {
  kind: "episode";
  id: string | null;
  title: string;
  show: Link & { publisher: string | null };
  images: ImageSet;
  durationMs: number;
  url: string | null;
  explicit: boolean;
};

export type PlayingItem = Track | Episode;

export type PlayContext = { type: string; uri: string; url: string | null };

export type NowPlaying =
  | { state: "idle"; readAt: number }
  | {
      state: "playing" | "paused";
      /** `ad` and `unknown` come with no item; an episode's item is there because we ask for episodes. */
      kind: "track" | "episode" | "ad" | "unknown";
      item: PlayingItem | null;
      /** Null for ads and some devices. */
      progressMs: number | null;
      durationMs: number | null;
      /**
       * Server time (epoch ms) at which `progressMs` was read. While playing, the browser shows
       * progressMs + (now - readAt), corrected by the clock offset it measures against the server.
       */
      readAt: number;
      /** Spotify's `timestamp`: when playback last changed (play, seek, new item), not the fetch time. */
      changedAt: number;
      context: PlayContext | null;
    };

export type Device = { name: string; type: string; volumePercent: number | null };

/** `/api/spotify/player`: what is playing, plus where and how. Idle when no device is active. */
export type PlayerState = NowPlaying & {
  device: Device | null;
  shuffle: boolean;
  repeat: "off" | "track" | "context";
};

export type Play = {
  /** ISO 8601, as Spotify gives it. */
  playedAt: string;
  track: Track;
  context: PlayContext | null;
};

export type RecentPlays = {
  /** Newest first. */
  plays: Play[];
  /** Pass as `before` to get the next (older) page; null once Spotify's 50-play window is exhausted. */
  nextBefore: string | null;
};

/** How a stored play came in: seen on Spotify by Earshot, or read from Spotify's data export. */
export type PlaySource = "recorded" | "imported";

/** A play from Earshot's own store (`/api/history`). */
export type StoredPlay = Play & {
  id: string;
  source: PlaySource;
  /** What was heard, when known (imports); recorded plays only know the track's duration. */
  msPlayed: number | null;
  /** The store's keys of the track's artists (in `track.artists` order) and album: what filters take. */
  artistKeys: string[];
  albumKey: string | null;
};

/** A stretch in which plays may be missing (Spotify's 50-play window overflowed), ISO 8601 bounds. */
export type CoverageGap = { from: string; to: string };

/** `/api/history`: a page of stored plays, newest first. */
export type HistoryPage = {
  plays: StoredPlay[];
  /** Pass as `cursor` for the next (older) page; null at the end. */
  nextCursor: string | null;
  /** The gaps that fall within this page (only when no search or artist, album or source filter). */
  gaps: CoverageGap[];
  /** Nothing new is being kept: the store stops where recording was paused. */
  recordingPaused: boolean;
};
