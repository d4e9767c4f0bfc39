// The catalog keys of imported plays. The Extended export names each track by its Spotify URI, which
// is exactly the recorder's key (`spotify:track:…`, or `spotify:local:…` for a local file), so an
// imported play and a later recorded one point at the same track row. Its artists and albums have
// names only, so they get synthetic keys, stable across imports and machines:
//   import:artist:<artist>            import:album:<artist>:<album>
// and a track without a URI (the Account-data export has none) gets
//   import:track:<artist>:<title>
// where each part is the name in Unicode NFC, lower-cased, then percent-encoded (so `:` in a name
// cannot make two keys alike). Before staging, such a track is matched by name to a Spotify track the
// catalog already knows (lib/import/import-store.ts); when the recorder meets the track later, its
// plays are moved to the real key (lib/history/store-plays.ts). When the recorder meets a track first
// imported under its URI, its real album and artists replace the synthetic ones (and the cover comes
// with them).

const part = (name: string | null) => encodeURIComponent((name ?? "").normalize("NFC").toLowerCase());

export type ImportedNames = {
  trackUri: string | null;
  title: string;
  artistName: string | null;
  albumName: string | null;
};

export function syntheticTrackKey(artistName: string | null, title: string): string {
  return `import:track:${part(artistName)}:${part(title)}`;
}

export function catalogKeysFor(names: ImportedNames): {
  trackId: string;
  artistId: string | null;
  albumId: string | null;
} {
  return {
    trackId: names.trackUri ?? syntheticTrackKey(names.artistName, names.title),
    artistId: names.artistName ? `import:artist:${part(names.artistName)}` : null,
    albumId: names.albumName ? `import:album:${part(names.artistName)}:${part(names.albumName)}` : null,
  };
}

export const isSyntheticTrackKey = (id: string) => id.startsWith("import:track:");
