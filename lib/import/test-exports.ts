// Builders for the import's tests (unit and browser): rows shaped like Spotify's export, zips of
// them, and a body that arrives in chunks like a request's.
import { zipSync } from "fflate";

export type ExtendedRow = Record<string, unknown>;

/** A music row of the Extended export; `ts` is the end of the stream. */
export function extendedRow(overrides: Partial<ExtendedRow> & { ts: string }): ExtendedRow {
  return {
    platform: "android",
    ms_played: 200_000,
    conn_country: "DE",
    ip_addr: "192.0.2.1",
    master_metadata_track_name: "Song One",
    master_metadata_album_artist_name: "Artist A",
    master_metadata_album_album_name: "Album X",
    spotify_track_uri: "spotify:track:0000000000000000000001",
    episode_name: null,
    episode_show_name: null,
    spotify_episode_uri: null,
    audiobook_title: null,
    audiobook_uri: null,
    audiobook_chapter_uri: null,
    audiobook_chapter_title: null,
    reason_start: "trackdone",
    reason_end: "trackdone",
    shuffle: false,
    skipped: false,
    offline: false,
    offline_timestamp: null,
    incognito_mode: false,
    ...overrides,
  };
}

export function podcastRow(ts: string): ExtendedRow {
  return extendedRow({
    ts,
    ms_played: 1_200_000,
    master_metadata_track_name: null,
    master_metadata_album_artist_name: null,
    master_metadata_album_album_name: null,
    spotify_track_uri: null,
    episode_name: "Episode 12",
    episode_show_name: "The Show",
    spotify_episode_uri: "spotify:episode:0000000000000000000012",
  });
}

export const trackUri = (n: number) => `spotify:track:${String(n).padStart(22, "0")}`;

export function zipOf(files: Record<string, unknown>): Uint8Array {
  const entries: Record<string, Uint8Array> = {};
  for (const [name, content] of Object.entries(files)) {
    entries[name] =
      content instanceof Uint8Array ? content : new TextEncoder().encode(JSON.stringify(content, null, 1));
  }
  return zipSync(entries, { level: 6 });
}

/** The bytes as a request body would bring them: in chunks of `size`. */
export async function* chunked(bytes: Uint8Array | string, size = 65_536): AsyncGenerator<Uint8Array> {
  const data = typeof bytes === "string" ? new TextEncoder().encode(bytes) : bytes;
  for (let offset = 0; offset < data.length; offset += size) yield data.subarray(offset, offset + size);
}
