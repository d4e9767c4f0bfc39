// Reshapes Spotify's payloads into the app's own small types (lib/listening/): what the browser
// receives is only what the dashboard shows, never Spotify's objects.
import "server-only";
import type {
  Episode,
  ImageSet,
  NowPlaying,
  PlayContext,
  PlayerState,
  PlayingItem,
  RecentPlays,
  Track,
} from "@/lib/listening";
import { IMAGE_WIDTHS } from "@/lib/listening/images";
import type {
  SpotifyContext,
  SpotifyCurrentlyPlaying,
  SpotifyEpisode,
  SpotifyImage,
  SpotifyPlaybackState,
  SpotifyRecentlyPlayed,
  SpotifyTrack,
} from "./schemas";

/** Spotify's public link, if it is an https URL: it becomes an href, so nothing else gets through. */
const link = (urls: { spotify?: string } | null | undefined) => {
  const url = urls?.spotify;
  return url && url.startsWith("https://") ? url : null;
};

/** Spotify lists its IMAGE_WIDTHS, largest first, but any may be missing or unsized. */
export function toImageSet(images: SpotifyImage[] | null | undefined): ImageSet {
  if (!images || images.length === 0) return { small: null, medium: null, large: null };
  const bySize = [...images].sort((a, b) => (b.width ?? Infinity) - (a.width ?? Infinity));
  const large = bySize[0]!;
  const small = bySize[bySize.length - 1]!;
  // An unsized image counts as the large one; the medium slot takes the width closest to its own.
  const distance = (img: SpotifyImage) => Math.abs((img.width ?? IMAGE_WIDTHS.large) - IMAGE_WIDTHS.medium);
  const medium = bySize.reduce((best, img) => (distance(img) < distance(best) ? img : best));
  return { small: small.url, medium: medium.url, large: large.url };
}

export function toTrack(track: SpotifyTrack): Track {
  return {
    kind: "track",
    id: track.id ?? null,
    title: track.name,
    artists: track.artists.map((a) => ({ name: a.name, url: link(a.external_urls) })),
    album: track.album ? { name: track.album.name, url: link(track.album.external_urls) } : null,
    images: toImageSet(track.album?.images),
    durationMs: track.duration_ms,
    url: link(track.external_urls),
    explicit: track.explicit ?? false,
    isLocal: track.is_local ?? false,
  };
}

export function toEpisode(episode: SpotifyEpisode): Episode {
  const show = episode.show;
  return {
    kind: "episode",
    id: episode.id ?? null,
    title: episode.name,
    show: {
      name: show?.name ?? "Podcast",
      url: link(show?.external_urls),
      publisher: show?.publisher ?? null,
    },
    images: toImageSet(episode.images?.length ? episode.images : show?.images),
    durationMs: episode.duration_ms,
    url: link(episode.external_urls),
    explicit: episode.explicit ?? false,
  };
}

export function toContext(context: SpotifyContext): PlayContext | null {
  // `href` is sometimes broken (ends in /null); the public link is what the UI needs anyway.
  return context ? { type: context.type, uri: context.uri, url: link(context.external_urls) } : null;
}

/**
 * `payload` null means Spotify answered 204: nothing is playing. `readAt` is when we received the
 * answer: Spotify's own `timestamp` is the last state change, not the time progress was measured.
 */
export function toNowPlaying(payload: SpotifyCurrentlyPlaying | null, readAt: number): NowPlaying {
  if (!payload) return { state: "idle", readAt };
  const item: PlayingItem | null = payload.item
    ? payload.item.type === "track"
      ? toTrack(payload.item)
      : toEpisode(payload.item)
    : null;
  const durationMs = item?.durationMs ?? null;
  const progress = payload.progress_ms ?? null;
  return {
    state: payload.is_playing ? "playing" : "paused",
    kind: item ? item.kind : payload.currently_playing_type,
    item,
    progressMs: progress === null ? null : durationMs === null ? progress : Math.min(progress, durationMs),
    durationMs,
    readAt,
    changedAt: payload.timestamp,
    context: toContext(payload.context),
  };
}

export function toPlayerState(payload: SpotifyPlaybackState | null, readAt: number): PlayerState {
  if (!payload) return { state: "idle", readAt, device: null, shuffle: false, repeat: "off" };
  const device = payload.device
    ? {
        name: payload.device.name,
        type: payload.device.type,
        volumePercent: payload.device.volume_percent ?? null,
      }
    : null;
  return {
    ...toNowPlaying(payload, readAt),
    device,
    shuffle: payload.shuffle_state ?? false,
    repeat: payload.repeat_state,
  };
}

export function toRecentPlays(payload: SpotifyRecentlyPlayed, requestedLimit: number): RecentPlays {
  const before = payload.cursors?.before ?? null;
  // Spotify keeps only the last 50 plays and still sends `next` on the page before an empty one; a
  // short page is the end of the window, so don't invite one more empty call.
  const more = Boolean(payload.next) && before !== null && payload.items.length >= requestedLimit;
  return {
    plays: payload.items.map((entry) => ({
      playedAt: entry.played_at,
      track: toTrack(entry.track),
      context: toContext(entry.context),
    })),
    nextBefore: more ? before : null,
  };
}
