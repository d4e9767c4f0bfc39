// The invented catalog (artists, albums, tracks, shows, episodes, local files), generated from a seed.

import {
  ARTIST_NAMES,
  EPISODE_TITLES,
  LOCAL_FILES,
  SHOWS,
  TITLE_ADJECTIVES,
  TITLE_NOUNS,
  TITLE_PATTERNS,
} from "./catalog-names.ts";
import { createRng, spotifyId, type Rng } from "./prng.ts";

export interface Artist {
  id: string;
  name: string;
}

export interface Album {
  id: string;
  name: string;
  artists: Artist[];
  albumType: "album" | "single" | "compilation";
  releaseDate: string;
  releaseDatePrecision: "day" | "month" | "year";
  trackIds: string[];
}

export interface Track {
  id: string;
  name: string;
  album: Album;
  artists: Artist[];
  durationMs: number;
  explicit: boolean;
  trackNumber: number;
  discNumber: number;
  isrc: string;
  popularity: number;
}

export interface Show {
  id: string;
  name: string;
  publisher: string;
  description: string;
  totalEpisodes: number;
}

export interface Episode {
  id: string;
  name: string;
  description: string;
  durationMs: number;
  releaseDate: string;
  show: Show;
}

export interface LocalFile {
  uri: string;
  name: string;
  artistName: string;
  albumName: string;
  durationMs: number;
}

export interface Catalog {
  artists: Artist[];
  albums: Album[];
  tracks: Track[];
  shows: Show[];
  episodes: Episode[];
  localFiles: LocalFile[];
}

function title(rng: Rng): string {
  const pattern = rng.pick(TITLE_PATTERNS);
  return pattern(rng.pick(TITLE_ADJECTIVES), rng.pick(TITLE_NOUNS), rng.pick(TITLE_NOUNS));
}

function isoDate(rng: Rng, fromYear: number, toYear: number): string {
  const y = rng.int(fromYear, toYear);
  const m = String(rng.int(1, 12)).padStart(2, "0");
  const d = String(rng.int(1, 28)).padStart(2, "0");
  return `${y}-${m}-${d}`;
}

/** Spotify's local-file uri: URL-encoded parts with `+` for spaces, then the length in seconds. */
function localUri(artist: string, album: string, name: string, durationMs: number): string {
  const enc = (s: string) => encodeURIComponent(s).replace(/%20/g, "+");
  return `spotify:local:${enc(artist)}:${enc(album)}:${enc(name)}:${Math.round(durationMs / 1000)}`;
}

export function generateCatalog(seed: number): Catalog {
  const rng = createRng(seed);
  const artists: Artist[] = ARTIST_NAMES.map((name) => ({ id: spotifyId(rng), name }));
  const albums: Album[] = [];
  const tracks: Track[] = [];
  let isrcSerial = rng.int(10000, 60000);

  for (const artist of artists) {
    const albumCount = rng.int(1, 2);
    for (let a = 0; a < albumCount; a++) {
      const isSingle = rng.chance(0.15);
      const albumType: Album["albumType"] = isSingle ? "single" : "album";
      // Older releases sometimes carry only a year, as on Spotify.
      const precision: Album["releaseDatePrecision"] = rng.chance(0.15) ? "year" : "day";
      const fullDate = isoDate(rng, 1998, 2026);
      const album: Album = {
        id: spotifyId(rng),
        name: title(rng),
        artists: [artist],
        albumType,
        releaseDate: precision === "year" ? fullDate.slice(0, 4) : fullDate,
        releaseDatePrecision: precision,
        trackIds: [],
      };
      albums.push(album);
      const count = isSingle ? rng.int(1, 2) : rng.int(4, 7);
      for (let n = 1; n <= count; n++) {
        let name = n === 1 && isSingle ? album.name : title(rng);
        const trackArtists = [artist];
        if (rng.chance(0.18)) {
          const guest = rng.pick(artists.filter((x) => x.id !== artist.id));
          trackArtists.push(guest);
          // Spotify often, but not always, repeats the guest in the title.
          if (rng.chance(0.6)) name = `${name} (feat. ${guest.name})`;
        }
        const track: Track = {
          id: spotifyId(rng),
          name,
          album,
          artists: trackArtists,
          durationMs: rng.int(118_000, 425_000),
          explicit: rng.chance(0.2),
          trackNumber: n,
          discNumber: 1,
          isrc: `ZZ${"ABCDEFGH"[rng.int(0, 7)]}${rng.int(10, 99)}${album.releaseDate.slice(2, 4)}${String(isrcSerial++).padStart(5, "0")}`.slice(
            0,
            12,
          ),
          popularity: rng.int(3, 71),
        };
        album.trackIds.push(track.id);
        tracks.push(track);
      }
    }
  }

  const shows: Show[] = SHOWS.map((s) => ({ ...s, id: spotifyId(rng), totalEpisodes: rng.int(40, 180) }));
  const episodes: Episode[] = EPISODE_TITLES.map((name, i) => {
    const show = shows[i % shows.length] as Show;
    return {
      id: spotifyId(rng),
      name,
      description: `${show.name}: ${name.toLowerCase()}. ${show.description}`,
      durationMs: rng.int(18 * 60_000, 62 * 60_000),
      releaseDate: isoDate(rng, 2025, 2026),
      show,
    };
  });

  const localFiles: LocalFile[] = LOCAL_FILES.map((f) => {
    const durationMs = rng.int(95, 260) * 1000;
    return {
      uri: localUri(f.artist, f.album, f.title, durationMs),
      name: f.title,
      artistName: f.artist,
      albumName: f.album,
      durationMs,
    };
  });

  return { artists, albums, tracks, shows, episodes, localFiles };
}
