// Zod schemas for the parts of Spotify's Web API payloads that Earshot reads. Parsing them turns a
// surprising payload into one clear upstream error instead of a crash three components later.
// Lenient where Spotify is known to vary (nullable ids for local files, missing images, new fields).
import "server-only";
import { z } from "zod";

const externalUrls = z.object({ spotify: z.string().optional() }).nullish();

const image = z.object({
  url: z.string(),
  width: z.number().nullish(),
  height: z.number().nullish(),
});
const images = z.array(image).nullish();

const artist = z.object({ id: z.string().nullish(), name: z.string(), external_urls: externalUrls });

const album = z.object({
  id: z.string().nullish(),
  name: z.string(),
  images,
  external_urls: externalUrls,
});

export const trackSchema = z.object({
  type: z.literal("track"),
  id: z.string().nullish(),
  name: z.string(),
  artists: z.array(artist),
  album: album.nullish(),
  duration_ms: z.number().nonnegative(),
  explicit: z.boolean().nullish(),
  is_local: z.boolean().nullish(),
  uri: z.string().nullish(),
  external_urls: externalUrls,
});

export const episodeSchema = z.object({
  type: z.literal("episode"),
  id: z.string().nullish(),
  name: z.string(),
  duration_ms: z.number().nonnegative(),
  explicit: z.boolean().nullish(),
  images,
  external_urls: externalUrls,
  show: z
    .object({ name: z.string(), publisher: z.string().nullish(), images, external_urls: externalUrls })
    .nullish(),
});

export const contextSchema = z
  .object({ type: z.string(), uri: z.string(), href: z.string().nullish(), external_urls: externalUrls })
  .nullish();

// An item of a type Earshot does not know (audiobook chapters, future kinds) reads as "no item"
// rather than failing the whole response.
const playingItem = z.preprocess(
  (value) =>
    value &&
    typeof value === "object" &&
    "type" in value &&
    (value.type === "track" || value.type === "episode")
      ? value
      : null,
  z.discriminatedUnion("type", [trackSchema, episodeSchema]).nullable(),
);

export const currentlyPlayingSchema = z.object({
  timestamp: z.number(),
  progress_ms: z.number().nullish(),
  is_playing: z.boolean(),
  item: playingItem,
  currently_playing_type: z.enum(["track", "episode", "ad", "unknown"]).catch("unknown"),
  context: contextSchema,
});

export const playbackStateSchema = currentlyPlayingSchema.extend({
  device: z
    .object({
      id: z.string().nullish(),
      name: z.string(),
      type: z.string(),
      volume_percent: z.number().nullish(),
    })
    .nullish(),
  shuffle_state: z.boolean().nullish(),
  repeat_state: z.enum(["off", "track", "context"]).catch("off"),
});

export const recentlyPlayedSchema = z.object({
  items: z.array(z.object({ track: trackSchema, played_at: z.string(), context: contextSchema })),
  next: z.string().nullish(),
  cursors: z.object({ after: z.string().nullish(), before: z.string().nullish() }).nullish(),
  limit: z.number().nullish(),
});

/** Web API error body: `{"error":{"status":401,"message":"...","reason"?:"..."}}`. */
export const webApiErrorSchema = z.object({
  error: z.object({ status: z.number(), message: z.string(), reason: z.string().optional() }),
});

export type SpotifyTrack = z.infer<typeof trackSchema>;
export type SpotifyEpisode = z.infer<typeof episodeSchema>;
export type SpotifyContext = z.infer<typeof contextSchema>;
export type SpotifyCurrentlyPlaying = z.infer<typeof currentlyPlayingSchema>;
export type SpotifyPlaybackState = z.infer<typeof playbackStateSchema>;
export type SpotifyRecentlyPlayed = z.infer<typeof recentlyPlayedSchema>;
export type SpotifyImage = z.infer<typeof image>;
