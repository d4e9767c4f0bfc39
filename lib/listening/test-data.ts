// Builders for the unit tests: small, valid PlayerState and Play values with overrides.
import type { Episode, Play, PlayerState, Track } from "./types";

export function track(overrides: Partial<Track> = {}): Track {
  return {
    kind: "track",
    id: "t1",
    title: "Song One",
    artists: [{ name: "Artist A", url: "https://open.spotify.com/artist/a" }],
    album: { name: "Album X", url: "https://open.spotify.com/album/x" },
    images: { small: "https://i/64.jpg", medium: "https://i/300.jpg", large: "https://i/640.jpg" },
    durationMs: 180_000,
    url: "https://open.spotify.com/track/t1",
    explicit: false,
    isLocal: false,
    ...overrides,
  };
}

export function episode(overrides: Partial<Episode> = {}): Episode {
  return {
    kind: "episode",
    id: "e1",
    title: "Episode One",
    show: { name: "The Show", url: "https://open.spotify.com/show/s", publisher: "Pub Co" },
    images: { small: null, medium: "https://i/ep300.jpg", large: null },
    durationMs: 3_600_000,
    url: "https://open.spotify.com/episode/e1",
    explicit: true,
    ...overrides,
  };
}

export function playing(
  overrides: Partial<Extract<PlayerState, { state: "playing" | "paused" }>> = {},
): PlayerState {
  const item = overrides.item === undefined ? track() : overrides.item;
  return {
    state: "playing",
    kind: item?.kind ?? "track",
    item,
    progressMs: 60_000,
    durationMs: item?.durationMs ?? null,
    readAt: 1_000_000,
    changedAt: 940_000,
    context: null,
    device: { name: "Kitchen", type: "Speaker", volumePercent: 50 },
    shuffle: false,
    repeat: "off",
    ...overrides,
  };
}

export function idle(readAt = 1_000_000): PlayerState {
  return { state: "idle", readAt, device: null, shuffle: false, repeat: "off" };
}

export function play(playedAt: string, overrides: Partial<Track> = {}): Play {
  return { playedAt, track: track(overrides), context: null };
}
