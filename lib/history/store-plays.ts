// Writes a batch of plays and their catalog rows, idempotently: plays are unique per person and
// `played_at`, so a retried or overlapping sync never duplicates (ON CONFLICT DO NOTHING), and the
// catalog is upserted so names and covers stay current. Also records a coverage gap when a full
// page shares nothing with what was stored before: Spotify's 50-play window overflowed in between.
import "server-only";
import { and, eq, max, sql } from "drizzle-orm";
import type { Queryable } from "@/lib/db/connection";
import { albums, artists, coverageGaps, plays, trackArtists, tracks } from "@/lib/db/schema";
import { syntheticTrackKey } from "@/lib/import/catalog-keys";
import type { CatalogBatch } from "./catalog-rows";

/** Spotify keeps this many plays reachable through recently-played; older ones are gone. */
export const SPOTIFY_WINDOW = 50;

export type StoreResult = { added: number; gap: { fromAt: Date; toAt: Date } | null };

export async function newestPlayAt(db: Queryable, userId: string): Promise<Date | null> {
  const [row] = await db
    .select({ newest: max(plays.playedAt) })
    .from(plays)
    .where(eq(plays.userId, userId));
  return row?.newest ?? null;
}

/**
 * Stores `batch` for `userId` (call inside a transaction). `windowPage`: the batch is a whole
 * page of Spotify's newest plays (no `before` cursor, limit 50), so a full one can reveal a gap.
 * `newestBefore`: the newest play stored before this page was fetched.
 */
export async function storePlays(
  db: Queryable,
  userId: string,
  batch: CatalogBatch,
  options: { windowPage: boolean; newestBefore: Date | null; source?: "recorded" | "imported" },
): Promise<StoreResult> {
  if (batch.plays.length === 0) return { added: 0, gap: null };
  await upsertCatalog(db, batch);
  const inserted = await db
    .insert(plays)
    .values(
      batch.plays.map((play) => ({
        userId,
        playedAt: play.playedAt,
        trackId: play.trackId,
        contextType: play.contextType,
        contextUri: play.contextUri,
        source: options.source ?? "recorded",
        msPlayed: play.msPlayed ?? null,
      })),
    )
    .onConflictDoNothing({ target: [plays.userId, plays.playedAt] })
    .returning({ id: plays.id });

  let gap: StoreResult["gap"] = null;
  const oldest = batch.plays.reduce((a, b) => (a.playedAt <= b.playedAt ? a : b)).playedAt;
  if (
    options.windowPage &&
    options.newestBefore &&
    batch.plays.length >= SPOTIFY_WINDOW &&
    oldest.getTime() > options.newestBefore.getTime()
  ) {
    gap = { fromAt: options.newestBefore, toAt: oldest };
    await db
      .insert(coverageGaps)
      .values({ userId, fromAt: gap.fromAt, toAt: gap.toAt })
      .onConflictDoNothing({ target: [coverageGaps.userId, coverageGaps.fromAt, coverageGaps.toAt] });
  }
  return { added: inserted.length, gap };
}

// Rows go in key order: two transactions upserting overlapping catalog rows (a sync and another
// person's dashboard) then lock them in the same order and cannot deadlock.
const byId = <T extends { id: string }>(rows: T[]) =>
  [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

/**
 * Writes catalog rows and refreshes their search text. Spotify's own rows (the recorder, the
 * dashboard) are authoritative: they overwrite names, durations and links. An import's rows
 * (`fill`) only add what the catalog lacks: a track already recorded keeps its real album, artists,
 * duration and cover, and the import's names-only rows never overwrite them.
 */
export async function upsertCatalog(
  db: Queryable,
  unsorted: Omit<CatalogBatch, "plays">,
  options: { fill?: boolean } = {},
): Promise<void> {
  const batch = {
    ...unsorted,
    artists: byId(unsorted.artists),
    albums: byId(unsorted.albums),
    tracks: byId(unsorted.tracks),
  };
  if (batch.tracks.length === 0) return;
  if (options.fill) {
    await fillCatalog(db, batch);
    return;
  }
  if (batch.artists.length > 0) {
    await db
      .insert(artists)
      .values(batch.artists)
      .onConflictDoUpdate({ target: artists.id, set: { name: sql`excluded.name`, url: sql`excluded.url` } });
  }
  if (batch.albums.length > 0) {
    await db
      .insert(albums)
      .values(batch.albums)
      .onConflictDoUpdate({
        target: albums.id,
        set: {
          name: sql`excluded.name`,
          url: sql`excluded.url`,
          // A page without covers must not erase covers we have.
          imageSmall: sql`coalesce(excluded.image_small, ${albums.imageSmall})`,
          imageMedium: sql`coalesce(excluded.image_medium, ${albums.imageMedium})`,
          imageLarge: sql`coalesce(excluded.image_large, ${albums.imageLarge})`,
        },
      });
  }
  await db
    .insert(tracks)
    .values(batch.tracks.map(({ artistIds: _artists, ...track }) => track))
    .onConflictDoUpdate({
      target: tracks.id,
      set: {
        title: sql`excluded.title`,
        albumId: sql`coalesce(excluded.album_id, ${tracks.albumId})`,
        durationMs: sql`excluded.duration_ms`,
        explicit: sql`excluded.explicit`,
        url: sql`excluded.url`,
        updatedAt: sql`now()`,
      },
    });
  const links = batch.tracks.flatMap((track) =>
    track.artistIds.map((artistId, position) => ({ trackId: track.id, position, artistId })),
  );
  if (links.length > 0) {
    await db
      .insert(trackArtists)
      .values(links)
      .onConflictDoUpdate({
        target: [trackArtists.trackId, trackArtists.position],
        set: { artistId: sql`excluded.artist_id` },
      });
  }
  await refreshSearchText(
    db,
    batch.tracks.map((track) => track.id),
  );
  await adoptImportedPlays(db, batch);
}

/**
 * An import's catalog rows: only what is missing is added (ON CONFLICT DO NOTHING), so a track already
 * stored keeps everything, search text included. A new track's search text is computed here from the
 * batch's names (the same fold as refreshSearchText), so nothing needs refreshing afterwards. Each
 * table is one statement whose rows travel as one JSON parameter: an import writes thousands at once.
 */
async function fillCatalog(db: Queryable, batch: Omit<CatalogBatch, "plays">): Promise<void> {
  const json = (rows: unknown[]) => JSON.stringify(rows);
  if (batch.artists.length > 0) {
    await db.execute(sql`
      INSERT INTO artists (id, name, url)
      SELECT x.id, x.name, x.url FROM json_to_recordset(${json(batch.artists)}::json) AS x(id text, name text, url text)
      ON CONFLICT DO NOTHING`);
  }
  if (batch.albums.length > 0) {
    await db.execute(sql`
      INSERT INTO albums (id, name, url)
      SELECT x.id, x.name, x.url FROM json_to_recordset(${json(batch.albums)}::json) AS x(id text, name text, url text)
      ON CONFLICT DO NOTHING`);
  }
  const artistName = new Map(batch.artists.map((artist) => [artist.id, artist.name]));
  const albumName = new Map(batch.albums.map((album) => [album.id, album.name]));
  const rows = batch.tracks.map((track) => ({
    ...track,
    document: [
      track.title,
      ...track.artistIds.map((id) => artistName.get(id)),
      track.albumId ? albumName.get(track.albumId) : undefined,
    ]
      .filter((part) => part !== undefined)
      .join(" "),
  }));
  await db.execute(sql`
    INSERT INTO tracks (id, title, album_id, duration_ms, explicit, is_local, url, search_text)
    SELECT x.id, x.title, x."albumId", x."durationMs", x.explicit, x."isLocal", x.url, earshot_fold(x.document)
      FROM json_to_recordset(${json(rows)}::json)
        AS x(id text, title text, "albumId" text, "durationMs" int, explicit boolean, "isLocal" boolean, url text, document text)
    ON CONFLICT DO NOTHING`);
  const links = batch.tracks.flatMap((track) =>
    track.artistIds.map((artistId, position) => ({ t: track.id, p: position, a: artistId })),
  );
  if (links.length > 0) {
    await db.execute(sql`
      INSERT INTO track_artists (track_id, position, artist_id)
      SELECT x.t, x.p, x.a FROM json_to_recordset(${json(links)}::json) AS x(t text, p int, a text)
      ON CONFLICT DO NOTHING`);
  }
}

/**
 * Plays imported without a URI (the Account-data export) point at a synthetic track named after its
 * artist and title (lib/import/catalog-keys.ts). When Spotify's own row for that track arrives, they
 * move to it, so the track has one row and one history. One indexed update per batch.
 */
async function adoptImportedPlays(db: Queryable, batch: Omit<CatalogBatch, "plays">): Promise<void> {
  const artistName = new Map(batch.artists.map((artist) => [artist.id, artist.name]));
  const pairs = batch.tracks.flatMap((track) => {
    if (!track.id.startsWith("spotify:track:")) return [];
    const first = track.artistIds[0];
    return [
      sql`(${syntheticTrackKey(first ? (artistName.get(first) ?? null) : null, track.title)}, ${track.id})`,
    ];
  });
  if (pairs.length === 0) return;
  await db.execute(sql`
    UPDATE plays SET track_id = v.real
      FROM (VALUES ${sql.join(pairs, sql`, `)}) AS v(synthetic, real)
     WHERE plays.track_id = v.synthetic`);
}

/**
 * What history search matches for these tracks: title, artists and album, folded by the database
 * (migration 0002) so that the stored text and a query fold alike. Only when it changed: a sync
 * rewrites the same 50 tracks over and over.
 */
export async function refreshSearchText(db: Queryable, trackIds: string[]): Promise<void> {
  // Plain SQL: the correlated subqueries need the outer row named (`t`), which Drizzle's update
  // builder does not do.
  await db.execute(sql`
    UPDATE tracks AS t SET search_text = d.document
      FROM (SELECT t2.id, earshot_fold(concat_ws(' ', t2.title,
              (SELECT string_agg(a.name, ' ' ORDER BY ta.position)
                 FROM track_artists ta JOIN artists a ON a.id = ta.artist_id WHERE ta.track_id = t2.id),
              (SELECT al.name FROM albums al WHERE al.id = t2.album_id))) AS document
              FROM tracks t2 WHERE t2.id IN ${sql`(${sql.join(
                trackIds.map((id) => sql`${id}`),
                sql`, `,
              )})`}) AS d
     WHERE t.id = d.id AND t.search_text IS DISTINCT FROM d.document`);
}

/** Test and UI helper: the gaps of one person, oldest first. */
export async function listGaps(db: Queryable, userId: string) {
  return db
    .select({ fromAt: coverageGaps.fromAt, toAt: coverageGaps.toAt })
    .from(coverageGaps)
    .where(and(eq(coverageGaps.userId, userId)))
    .orderBy(coverageGaps.fromAt);
}
