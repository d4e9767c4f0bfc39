// Turns Spotify's recently-played items into the store's rows: the play, and the track, album and
// artists it points at (names, covers, durations), so that reading history never calls Spotify.
// Keys are Spotify URIs; local files, which have no Spotify ids, get `local:` keys of their own.
import "server-only";
import { toImageSet } from "@/lib/spotify/normalize";
import type { SpotifyRecentlyPlayed, SpotifyTrack } from "@/lib/spotify/schemas";

export type ArtistRow = { id: string; name: string; url: string | null };
export type AlbumRow = {
  id: string;
  name: string;
  url: string | null;
  imageSmall: string | null;
  imageMedium: string | null;
  imageLarge: string | null;
};
export type TrackRow = {
  id: string;
  title: string;
  albumId: string | null;
  durationMs: number;
  explicit: boolean;
  isLocal: boolean;
  url: string | null;
  artistIds: string[];
};
export type PlayRow = {
  playedAt: Date;
  trackId: string;
  contextType: string | null;
  contextUri: string | null;
  /** What was heard, when the source says (imports); recorded plays leave it out. */
  msPlayed?: number | null;
};

export type CatalogBatch = { artists: ArtistRow[]; albums: AlbumRow[]; tracks: TrackRow[]; plays: PlayRow[] };

const https = (url: string | null | undefined) => (url && url.startsWith("https://") ? url : null);

function trackKey(track: SpotifyTrack): string {
  if (track.id) return `spotify:track:${track.id}`;
  if (track.uri) return track.uri; // spotify:local:artist:album:title:seconds
  return `local:${track.artists.map((a) => a.name).join(",")}:${track.album?.name ?? ""}:${track.name}`;
}

export function toCatalogBatch(items: SpotifyRecentlyPlayed["items"]): CatalogBatch {
  const artists = new Map<string, ArtistRow>();
  const albums = new Map<string, AlbumRow>();
  const tracks = new Map<string, TrackRow>();
  const plays: PlayRow[] = [];
  for (const item of items) {
    const { track } = item;
    const playedAt = new Date(item.played_at);
    if (Number.isNaN(playedAt.getTime())) continue; // unreadable instant: nothing to key the play by
    const artistIds = track.artists.map((artist) => {
      const id = artist.id ? `spotify:artist:${artist.id}` : `local:artist:${artist.name}`;
      artists.set(id, { id, name: artist.name, url: https(artist.external_urls?.spotify) });
      return id;
    });
    let albumId: string | null = null;
    if (track.album?.id) {
      albumId = `spotify:album:${track.album.id}`;
      const images = toImageSet(track.album.images);
      albums.set(albumId, {
        id: albumId,
        name: track.album.name,
        url: https(track.album.external_urls?.spotify),
        imageSmall: images.small,
        imageMedium: images.medium,
        imageLarge: images.large,
      });
    }
    const id = trackKey(track);
    tracks.set(id, {
      id,
      title: track.name,
      albumId,
      durationMs: Math.round(track.duration_ms),
      explicit: track.explicit ?? false,
      isLocal: track.is_local ?? !track.id,
      url: https(track.external_urls?.spotify),
      artistIds,
    });
    plays.push({
      playedAt,
      trackId: id,
      contextType: item.context?.type ?? null,
      contextUri: item.context?.uri ?? null,
    });
  }
  return {
    artists: [...artists.values()],
    albums: [...albums.values()],
    tracks: [...tracks.values()],
    plays,
  };
}
