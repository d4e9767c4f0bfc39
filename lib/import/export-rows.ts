// Spotify's data export, row by row: which file holds what, each row checked with zod, and what
// counts as a play. Pure (no database), shared by the upload reader and its tests.
//
// What counts as a play: a music row (a track name, not an episode, audiobook or video) with at least
// 30 s heard. That is Spotify's own threshold for a stream and about when recently-played logs one;
// shorter rows are mostly skips, which the recorder never sees either, so counting them would make
// imported history unlike recorded history.
import { z } from "zod";
import { syntheticTrackKey } from "./catalog-keys";

/** A row heard for less than this is a skip, not a play. */
export const MIN_PLAY_MS = 30_000;

/** Which of Spotify's exports a file belongs to, from its name (any folder inside the zip). */
export type FileLayout = "extended-audio" | "extended-video" | "account-music" | "account-podcast";

export function fileLayout(path: string): FileLayout | null {
  const name = path.split("/").pop() ?? path;
  if (/^Streaming_History_Audio_.*\.json$/i.test(name) || /^endsong(_\d+)?\.json$/i.test(name)) {
    return "extended-audio";
  }
  if (/^Streaming_History_Video_.*\.json$/i.test(name)) return "extended-video";
  if (/^StreamingHistory_music_\d+\.json$/i.test(name) || /^StreamingHistory\d+\.json$/i.test(name)) {
    return "account-music";
  }
  if (/^StreamingHistory_podcast_\d+\.json$/i.test(name)) return "account-podcast";
  return null;
}

const nullableText = z.string().nullish();

/** Spotify's `ts`: ISO 8601 in UTC, `2023-04-01T12:00:00Z` (Earshot's own export adds milliseconds). */
const instantText = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/, "ts is not an ISO instant in UTC");

export const extendedRowSchema = z.object({
  ts: instantText,
  ms_played: z.number().int().min(0, "ms_played is negative"),
  username: nullableText,
  master_metadata_track_name: nullableText,
  master_metadata_album_artist_name: nullableText,
  master_metadata_album_album_name: nullableText,
  spotify_track_uri: z
    .string()
    .regex(/^spotify:(track|local):/, "spotify_track_uri is not a track URI")
    .nullish(),
  episode_name: nullableText,
  episode_show_name: nullableText,
  spotify_episode_uri: nullableText,
  audiobook_title: nullableText,
  audiobook_uri: nullableText,
  audiobook_chapter_uri: nullableText,
  incognito_mode: z.boolean().nullish(),
  offline: z.boolean().nullish(),
});

/** The Account-data export: `endTime` is "YYYY-MM-DD HH:mm" in UTC. */
export const accountRowSchema = z.object({
  endTime: z.string().regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/, 'endTime is not "YYYY-MM-DD HH:mm"'),
  artistName: nullableText,
  trackName: nullableText,
  msPlayed: z.number().int().min(0, "msPlayed is negative"),
});

/** A play to import, ready for the store. */
export type ImportPlay = {
  playedAt: Date;
  msPlayed: number;
  trackId: string;
  trackUri: string | null;
  title: string;
  artistName: string | null;
  albumName: string | null;
};

export type SkipReason = "short" | "noTrack" | "podcast" | "video";

export type RowOutcome =
  | { kind: "play"; play: ImportPlay; username: string | null }
  | { kind: "skipped"; reason: SkipReason }
  | { kind: "rejected"; reason: string };

function rejection(error: z.ZodError): RowOutcome {
  const issue = error.issues[0];
  if (!issue) return { kind: "rejected", reason: "unreadable row" };
  const field = issue.path.join(".");
  // zod's own words for a missing field name the type; say it plainly.
  if (issue.code === "invalid_type" && issue.input === undefined) {
    return { kind: "rejected", reason: `${field} is missing` };
  }
  return {
    kind: "rejected",
    reason: issue.message.startsWith(field) ? issue.message : `${field}: ${issue.message}`,
  };
}

/**
 * The instant `iso` names, or null when it names no real date (Feb 31 would roll over to March).
 * `iso` has passed the schema's pattern, so its fields sit at fixed places: comparing them with the
 * date's own is far cheaper than formatting the date again (this runs once per row).
 */
function realInstant(iso: string): Date | null {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  const field = (from: number) => (iso.charCodeAt(from) - 48) * 10 + iso.charCodeAt(from + 1) - 48;
  return date.getUTCDate() === field(8) &&
    date.getUTCMonth() + 1 === field(5) &&
    date.getUTCHours() === field(11) &&
    date.getUTCMinutes() === field(14)
    ? date
    : null;
}

const blank = (value: string | null | undefined) => (value && value.trim() !== "" ? value : null);

/** One row of a file whose layout is `layout`, classified. */
export function classifyRow(layout: FileLayout, raw: unknown): RowOutcome {
  if (layout === "extended-audio" || layout === "extended-video") {
    const parsed = extendedRowSchema.safeParse(raw);
    if (!parsed.success) return rejection(parsed.error);
    const row = parsed.data;
    if (layout === "extended-video") return { kind: "skipped", reason: "video" };
    if (row.spotify_episode_uri || row.episode_name || row.audiobook_uri || row.audiobook_title) {
      return { kind: "skipped", reason: "podcast" };
    }
    const title = blank(row.master_metadata_track_name);
    if (!title) return { kind: "skipped", reason: "noTrack" };
    if (row.ms_played < MIN_PLAY_MS) return { kind: "skipped", reason: "short" };
    const artistName = blank(row.master_metadata_album_artist_name);
    const albumName = blank(row.master_metadata_album_album_name);
    // spotify:local:… (a local file) is also the recorder's key for that track.
    const trackUri = row.spotify_track_uri ?? null;
    const playedAt = realInstant(row.ts);
    if (!playedAt) return { kind: "rejected", reason: "ts is not a real date" };
    return {
      kind: "play",
      username: blank(row.username),
      play: {
        playedAt,
        msPlayed: row.ms_played,
        trackId: trackUri ?? syntheticTrackKey(artistName, title),
        trackUri,
        title,
        artistName,
        albumName,
      },
    };
  }
  const parsed = accountRowSchema.safeParse(raw);
  if (!parsed.success) return rejection(parsed.error);
  const row = parsed.data;
  if (layout === "account-podcast") return { kind: "skipped", reason: "podcast" };
  const title = blank(row.trackName);
  if (!title || title === "Unknown Track") return { kind: "skipped", reason: "noTrack" };
  if (row.msPlayed < MIN_PLAY_MS) return { kind: "skipped", reason: "short" };
  const artistName = blank(row.artistName);
  const playedAt = realInstant(`${row.endTime.replace(" ", "T")}:00.000Z`);
  if (!playedAt) return { kind: "rejected", reason: "endTime is not a real date" };
  return {
    kind: "play",
    username: null,
    play: {
      playedAt,
      msPlayed: row.msPlayed,
      trackId: syntheticTrackKey(artistName, title),
      trackUri: null,
      title,
      artistName,
      albumName: null,
    },
  };
}

/** Which export a layout belongs to (for "this upload held the Extended export"). */
export const exportFormat = (layout: FileLayout): "extended" | "account" =>
  layout.startsWith("extended") ? "extended" : "account";
