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

/**
 * A realistic Extended export of `rows` rows over about `years` years, in `files` files that overlap
 * (each file repeats the last `overlap` rows of the one before, as Spotify's do): mostly music from a
 * catalog of `tracks` tracks, some skips (under 30 s), podcasts and rows with no track. Deterministic.
 */
export function generateExtendedExport(options: {
  rows: number;
  files?: number;
  tracks?: number;
  overlap?: number;
  end?: number;
  seed?: number;
}): { files: Record<string, Uint8Array>; plays: number } {
  const files = options.files ?? 10;
  const trackCount = options.tracks ?? 20_000;
  const overlap = options.overlap ?? 200;
  let seed = options.seed ?? 42;
  const random = () => {
    // mulberry32
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const end = options.end ?? Date.UTC(2026, 0, 1);
  let at = end - options.rows * 190_000;
  const all: string[] = [];
  let plays = 0;
  for (let i = 0; i < options.rows; i++) {
    const kind = random();
    const n = Math.floor(random() ** 2 * trackCount);
    let ms = 30_000 + Math.floor(random() * 200_000);
    let row: ExtendedRow;
    if (kind < 0.04) row = podcastRow("");
    else if (kind < 0.05) {
      row = extendedRow({
        ts: "",
        master_metadata_track_name: null,
        master_metadata_album_artist_name: null,
        master_metadata_album_album_name: null,
        spotify_track_uri: null,
      });
    } else {
      if (kind < 0.2) ms = Math.floor(random() * 29_000);
      else plays++;
      row = extendedRow({
        ts: "",
        master_metadata_track_name: `Track ${n} ${n % 7 === 0 ? "Café" : "Night"}`,
        master_metadata_album_artist_name: `Artist ${n % 3_000}`,
        master_metadata_album_album_name: `Album ${n % 9_000}`,
        spotify_track_uri: trackUri(n),
        ip_addr: `198.51.100.${Math.floor(random() * 255)}`,
        shuffle: random() < 0.5,
        skipped: ms < 30_000,
        reason_end: ms < 30_000 ? "fwdbtn" : "trackdone",
      });
    }
    at += ms + Math.floor(random() * 60_000) + 1_000;
    row.ts = new Date(Math.floor(at / 1000) * 1000).toISOString().replace(".000Z", "Z");
    row.ms_played = ms;
    all.push(JSON.stringify(row));
  }
  const out: Record<string, Uint8Array> = {};
  const per = Math.ceil(all.length / files);
  for (let f = 0; f < files; f++) {
    const from = Math.max(0, f * per - (f > 0 ? overlap : 0));
    const slice = all.slice(from, (f + 1) * per);
    out[`Spotify Extended Streaming History/Streaming_History_Audio_${2016 + f}_${f}.json`] =
      new TextEncoder().encode(`[\n${slice.join(",\n")}\n]`);
  }
  return { files: out, plays };
}

export function zipFiles(files: Record<string, Uint8Array>): Uint8Array {
  return zipSync(files, { level: 6 });
}
