// The demo listeners (Spotify accounts that can sign in) and each one's seeded personal library.

import type { Album, Artist, Catalog, Episode, LocalFile, Track } from "./catalog.ts";
import { createRng, hashString, spotifyId } from "./prng.ts";

export interface DeviceProfile {
  id: string | null;
  name: string;
  type: string;
  volumePercent: number | null;
  supportsVolume: boolean;
  isRestricted: boolean;
}

export interface ListenerProfile {
  id: string;
  displayName: string;
  product: "premium" | "free";
  /** Development Mode apps only serve users on the app's allow-list; the rest get 403 on /v1. */
  allowListed: boolean;
  hasAvatar: boolean;
  /** True for the listener who must be mid-track when the emulator starts. */
  playingAtStartup: boolean;
  device: DeviceProfile;
  shuffle: boolean;
  repeat: "off" | "track" | "context";
  /** How the seeded autoplay schedule listens (see autoplay.ts). */
  style: ListeningStyle;
}

/**
 * "steady": plays tracks to the end, with pauses, quiet spells, episodes.
 * "skipper": skips every track after 31-45 s (each still a logged play) and rarely stops, so 50+
 * plays happen in under 40 minutes: more than Spotify's 50-play window holds between two syncs.
 */
export type ListeningStyle = "steady" | "skipper";

export interface Playlist {
  id: string;
  name: string;
}

export interface Library {
  tracks: Track[];
  episodes: Episode[];
  localFiles: LocalFile[];
  playlists: Playlist[];
  albums: Album[];
  artists: Artist[];
}

export const LISTENER_PROFILES: readonly ListenerProfile[] = [
  {
    id: "rory",
    displayName: "Rory",
    product: "premium",
    allowListed: true,
    hasAvatar: true,
    playingAtStartup: true,
    device: {
      id: "a3f1c9e07b2d4c5e8f60a1b2c3d4e5f6a7b8c9d0",
      name: "Rory's MacBook Pro",
      type: "Computer",
      volumePercent: 64,
      supportsVolume: true,
      isRestricted: false,
    },
    shuffle: false,
    repeat: "off",
    style: "steady",
  },
  {
    id: "maya",
    displayName: "Maya Chen",
    product: "premium",
    allowListed: true,
    hasAvatar: false,
    playingAtStartup: false,
    device: {
      id: "5d0e4b7c2a9f8e1d3c6b5a4f9e8d7c6b5a4f3e2d",
      name: "Maya's iPhone",
      type: "Smartphone",
      volumePercent: null,
      supportsVolume: false,
      isRestricted: false,
    },
    shuffle: true,
    repeat: "context",
    style: "steady",
  },
  {
    id: "sam",
    displayName: "Sam",
    product: "free",
    allowListed: true,
    hasAvatar: true,
    playingAtStartup: false,
    // Cast devices can be restricted and come without an id.
    device: {
      id: null,
      name: "Kitchen speaker",
      type: "CastAudio",
      volumePercent: 40,
      supportsVolume: true,
      isRestricted: true,
    },
    shuffle: true,
    repeat: "off",
    style: "steady",
  },
  {
    id: "flick",
    displayName: "Flick",
    product: "premium",
    allowListed: true,
    hasAvatar: true,
    playingAtStartup: false,
    device: {
      id: "e7c2a94f1b3d5e6f708192a3b4c5d6e7f8091a2b",
      name: "Flick's Pixel",
      type: "Smartphone",
      volumePercent: 80,
      supportsVolume: true,
      isRestricted: false,
    },
    shuffle: true,
    repeat: "off",
    style: "skipper",
  },
  {
    id: "outsider",
    displayName: "Outsider (not on allow-list)",
    product: "premium",
    allowListed: false,
    hasAvatar: true,
    playingAtStartup: false,
    device: {
      id: "9b8a7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b",
      name: "Web Player (Chrome)",
      type: "Computer",
      volumePercent: 100,
      supportsVolume: true,
      isRestricted: false,
    },
    shuffle: false,
    repeat: "off",
    style: "steady",
  },
];

export const DEFAULT_LISTENER_ID = "rory";

/**
 * Extra listeners for load tests (`crowd-001`, `crowd-002`, …): allow-listed, premium, steady, each
 * with a library and schedule of its own (seeded by the id), none of them forced to be mid-track.
 */
export function crowdProfiles(count: number): ListenerProfile[] {
  const model = LISTENER_PROFILES[0]!;
  return Array.from({ length: count }, (_, i) => {
    const id = `crowd-${String(i + 1).padStart(3, "0")}`;
    return {
      ...model,
      id,
      displayName: `Crowd ${i + 1}`,
      playingAtStartup: false,
      device: { ...model.device, id: (i + 1).toString(16).padStart(40, "c"), name: `${id}'s computer` },
    };
  });
}

/** A stable account_id per listener, independent of the seed. */
export function accountIdFor(listenerId: string): string {
  return spotifyId(createRng(hashString(`account:${listenerId}`)));
}

/** Picks a listener's saved albums (a few dozen tracks), a couple of episodes and one local file. */
export function buildLibrary(catalog: Catalog, seed: number, listenerId: string): Library {
  const rng = createRng((seed ^ hashString(listenerId)) >>> 0);
  const albums: Album[] = [];
  const tracks: Track[] = [];
  for (const album of rng.shuffle(catalog.albums)) {
    if (tracks.length >= 32) break;
    albums.push(album);
    tracks.push(...catalog.tracks.filter((t) => t.album.id === album.id));
  }
  const artistIds = new Set(tracks.flatMap((t) => t.artists.map((a) => a.id)));
  const episodes = rng.shuffle(catalog.episodes).slice(0, 2);
  const localFiles = [rng.pick(catalog.localFiles)];
  const playlists: Playlist[] = [
    { id: spotifyId(rng), name: "On Repeat" },
    { id: spotifyId(rng), name: "Late Night Drive" },
  ];
  return {
    tracks,
    episodes,
    localFiles,
    playlists,
    albums,
    artists: catalog.artists.filter((a) => artistIds.has(a.id)),
  };
}
