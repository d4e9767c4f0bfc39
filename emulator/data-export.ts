// Spotify's privacy export for a demo listener: `my_spotify_data.zip` with the Extended Streaming
// History, consistent with what the emulator has logged for them (every logged track play is in it,
// at its played_at), preceded by about three years of seeded older listening from their library:
// full plays, skips, podcast episodes, some offline and incognito plays. Its audio files overlap as
// Spotify's do (each repeats the last rows of the one before). Served at GET /demo-export/<id>.zip
// so that a demo user can try the import with no Spotify account; it is demo data, like the rest.
import { zipSync } from "fflate";
import type { Track } from "./catalog.ts";
import type { ListenerRuntime } from "./listener-runtime.ts";
import { createRng, hashString } from "./prng.ts";

const DAY = 86_400_000;
/** Rows per audio file, and rows each file repeats from the one before. */
const FILE_ROWS = 4_000;
const OVERLAP = 25;

type Row = Record<string, string | number | boolean | null>;

function row(fields: Partial<Row> & { ts: number; ms_played: number }, username: string): Row {
  const { ts, ...rest } = fields;
  return {
    ...ROW_DEFAULTS,
    username,
    ...rest,
    ts: new Date(Math.floor(ts / 1000) * 1000).toISOString().replace(".000Z", "Z"),
  };
}

/** A music row's fields that a given row does not set (Spotify's order; `ts` comes first in theirs). */
const ROW_DEFAULTS: Row = {
  platform: "Android OS 14 API 34 (Google, Pixel 8)",
  conn_country: "DE",
  ip_addr: "192.0.2.10",
  master_metadata_track_name: null,
  master_metadata_album_artist_name: null,
  master_metadata_album_album_name: null,
  spotify_track_uri: null,
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
};

const trackFields = (track: Track) => ({
  master_metadata_track_name: track.name,
  master_metadata_album_artist_name: track.album.artists[0]?.name ?? track.artists[0]?.name ?? null,
  master_metadata_album_album_name: track.album.name,
  spotify_track_uri: `spotify:track:${track.id}`,
});

export function buildDataExport(runtime: ListenerRuntime, now: number, years = 3): Uint8Array {
  const username = runtime.profile.id;
  const logged = runtime.loggedPlays(now);
  const firstLogged = logged[0]?.playedAt ?? now;
  const rng = createRng(hashString(`export:${username}`));
  const { tracks, episodes } = runtime.library;
  const rows: Row[] = [];

  // Older listening: a session most days, at a seeded hour, until a day before the first logged play.
  const start = firstLogged - years * 365 * DAY;
  for (let day = start; day < firstLogged - DAY; day += DAY) {
    if (rng.chance(0.15)) continue;
    let at = day + rng.int(7, 21) * 3_600_000 + rng.int(0, 3_599) * 1000;
    const session = rng.int(3, 25);
    for (let i = 0; i < session && at < firstLogged - DAY; i++) {
      if (episodes.length > 0 && rng.chance(0.04)) {
        const episode = rng.pick(episodes);
        const ms = rng.int(60_000, episode.durationMs);
        at += ms;
        rows.push(
          row(
            {
              ts: at,
              ms_played: ms,
              episode_name: episode.name,
              episode_show_name: episode.show.name,
              spotify_episode_uri: `spotify:episode:${episode.id}`,
            },
            username,
          ),
        );
        continue;
      }
      const track = rng.pick(tracks);
      const skipped = rng.chance(0.12);
      const ms = skipped
        ? rng.int(1_000, 25_000)
        : rng.chance(0.1)
          ? rng.int(30_000, track.durationMs)
          : track.durationMs;
      at += ms + rng.int(0, 4) * 1000;
      const offline = rng.chance(0.03);
      rows.push(
        row(
          {
            ts: at,
            ms_played: ms,
            ...trackFields(track),
            reason_end: skipped ? "fwdbtn" : "trackdone",
            skipped,
            shuffle: rng.chance(0.4),
            offline,
            offline_timestamp: offline ? Math.floor((at - ms) / 1000) : null,
            incognito_mode: rng.chance(0.01),
          },
          username,
        ),
      );
    }
  }

  // What the emulator logged: the same plays the recorder may have stored, at their played_at.
  for (const play of logged) {
    const item = play.playable;
    if (item.kind === "track") {
      rows.push(
        row({ ts: play.playedAt, ms_played: item.track.durationMs, ...trackFields(item.track) }, username),
      );
    } else if (item.kind === "local") {
      rows.push(
        row(
          {
            ts: play.playedAt,
            ms_played: item.local.durationMs,
            master_metadata_track_name: item.local.name,
            master_metadata_album_artist_name: item.local.artistName,
            master_metadata_album_album_name: item.local.albumName,
            spotify_track_uri: item.local.uri,
          },
          username,
        ),
      );
    }
  }

  const files: Record<string, Uint8Array> = {};
  const encoder = new TextEncoder();
  const folder = "Spotify Extended Streaming History";
  for (let from = 0, n = 0; from < rows.length || n === 0; from += FILE_ROWS, n++) {
    const slice = rows.slice(Math.max(0, from - (n > 0 ? OVERLAP : 0)), from + FILE_ROWS);
    const yearOf = (r: Row | undefined) => String(r?.ts ?? new Date(now).toISOString()).slice(0, 4);
    const span = `${yearOf(slice[0])}-${yearOf(slice[slice.length - 1])}`;
    files[`${folder}/Streaming_History_Audio_${span}_${n}.json`] = encoder.encode(
      JSON.stringify(slice, null, 2),
    );
  }
  files[`${folder}/Streaming_History_Video_${new Date(now).getUTCFullYear()}.json`] = encoder.encode("[]");
  files[`${folder}/ReadMeFirst_ExtendedStreamingHistory.pdf`] = encoder.encode("%PDF-1.4\n% demo\n");
  return zipSync(files, { level: 6 });
}
