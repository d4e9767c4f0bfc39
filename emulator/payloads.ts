// JSON shapes of Spotify objects (user, track, local track, episode, context, device) as the Web API returns them.

import type { Album, Artist, Episode, LocalFile, Show, Track } from "./catalog.ts";
import { escapeHtml } from "./http-util.ts";
import { avatarImages, coverImages } from "./images.ts";
import { accountIdFor, type DeviceProfile, type ListenerProfile } from "./listeners.ts";
import type { PlayContext } from "./playback.ts";

const OPEN = "https://open.spotify.com";

export function userJson(base: string, p: ListenerProfile): Record<string, unknown> {
  // Development Mode shape: no email, country, product, followers or explicit_content.
  return {
    account_id: accountIdFor(p.id),
    display_name: p.displayName,
    external_urls: { spotify: `${OPEN}/user/${p.id}` },
    href: `${base}/v1/users/${p.id}`,
    id: p.id,
    images: p.hasAvatar ? avatarImages(base, p.id) : [],
    type: "user",
    uri: `spotify:user:${p.id}`,
  };
}

function artistJson(base: string, a: Artist): Record<string, unknown> {
  return {
    external_urls: { spotify: `${OPEN}/artist/${a.id}` },
    href: `${base}/v1/artists/${a.id}`,
    id: a.id,
    name: a.name,
    type: "artist",
    uri: `spotify:artist:${a.id}`,
  };
}

function albumJson(base: string, al: Album): Record<string, unknown> {
  return {
    album_type: al.albumType,
    artists: al.artists.map((a) => artistJson(base, a)),
    external_urls: { spotify: `${OPEN}/album/${al.id}` },
    href: `${base}/v1/albums/${al.id}`,
    id: al.id,
    images: coverImages(base, al.id),
    is_playable: true,
    name: al.name,
    release_date: al.releaseDate,
    release_date_precision: al.releaseDatePrecision,
    total_tracks: al.trackIds.length,
    type: "album",
    uri: `spotify:album:${al.id}`,
  };
}

export function trackJson(base: string, t: Track): Record<string, unknown> {
  return {
    album: albumJson(base, t.album),
    artists: t.artists.map((a) => artistJson(base, a)),
    disc_number: t.discNumber,
    duration_ms: t.durationMs,
    explicit: t.explicit,
    external_ids: { isrc: t.isrc },
    external_urls: { spotify: `${OPEN}/track/${t.id}` },
    href: `${base}/v1/tracks/${t.id}`,
    id: t.id,
    is_local: false,
    is_playable: true,
    name: t.name,
    popularity: t.popularity,
    preview_url: null,
    track_number: t.trackNumber,
    type: "track",
    uri: `spotify:track:${t.id}`,
  };
}

/** Local files: no ids, hrefs, images or external urls anywhere. */
export function localTrackJson(l: LocalFile): Record<string, unknown> {
  return {
    album: {
      album_type: null,
      artists: [],
      available_markets: [],
      external_urls: {},
      href: null,
      id: null,
      images: [],
      name: l.albumName,
      release_date: null,
      release_date_precision: null,
      type: "album",
      uri: null,
    },
    artists: [{ external_urls: {}, href: null, id: null, name: l.artistName, type: "artist", uri: null }],
    available_markets: [],
    disc_number: 0,
    duration_ms: l.durationMs,
    explicit: false,
    external_ids: {},
    external_urls: {},
    href: null,
    id: null,
    is_local: true,
    name: l.name,
    popularity: 0,
    preview_url: null,
    track_number: 0,
    type: "track",
    uri: l.uri,
  };
}

function showJson(base: string, s: Show): Record<string, unknown> {
  return {
    available_markets: [],
    copyrights: [],
    description: s.description,
    explicit: false,
    external_urls: { spotify: `${OPEN}/show/${s.id}` },
    href: `${base}/v1/shows/${s.id}`,
    html_description: `<p>${escapeHtml(s.description)}</p>`,
    id: s.id,
    images: coverImages(base, s.id),
    is_externally_hosted: false,
    languages: ["en"],
    media_type: "audio",
    name: s.name,
    publisher: s.publisher,
    total_episodes: s.totalEpisodes,
    type: "show",
    uri: `spotify:show:${s.id}`,
  };
}

export function episodeJson(base: string, e: Episode, resumePositionMs: number): Record<string, unknown> {
  return {
    audio_preview_url: null,
    description: e.description,
    duration_ms: e.durationMs,
    explicit: false,
    external_urls: { spotify: `${OPEN}/episode/${e.id}` },
    href: `${base}/v1/episodes/${e.id}`,
    html_description: `<p>${escapeHtml(e.description)}</p>`,
    id: e.id,
    images: coverImages(base, e.show.id),
    is_externally_hosted: false,
    is_playable: true,
    language: "en",
    languages: ["en"],
    name: e.name,
    release_date: e.releaseDate,
    release_date_precision: "day",
    resume_point: { fully_played: false, resume_position_ms: resumePositionMs },
    show: showJson(base, e.show),
    type: "episode",
    uri: `spotify:episode:${e.id}`,
  };
}

/**
 * `{type, uri, href, external_urls}`. With `brokenArtistHref`, artist contexts get an href ending in
 * `/null`, a quirk seen in recently-played.
 */
export function contextJson(
  base: string,
  c: PlayContext | null,
  brokenArtistHref = false,
): Record<string, unknown> | null {
  if (!c) return null;
  const plural = `${c.type}s`;
  const hrefId = brokenArtistHref && c.type === "artist" ? "null" : c.id;
  return {
    type: c.type,
    uri: `spotify:${c.type}:${c.id}`,
    href: `${base}/v1/${plural}/${hrefId}`,
    external_urls: { spotify: `${OPEN}/${c.type}/${c.id}` },
  };
}

export function deviceJson(d: DeviceProfile): Record<string, unknown> {
  return {
    id: d.id,
    is_active: true,
    is_private_session: false,
    is_restricted: d.isRestricted,
    name: d.name,
    type: d.type,
    volume_percent: d.volumePercent,
    supports_volume: d.supportsVolume,
  };
}
