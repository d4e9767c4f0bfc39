// The store's tables (Drizzle). Migrations under lib/db/migrations are generated from this file with
// `npm run db:generate` and applied in order at start; they are forward-only.
// Every instant is a `timestamptz` (UTC in the database; a person's time zone only at the edge).
import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  index,
  date,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/**
 * A Spotify account as seen through one Spotify app: the same Spotify user under another client id
 * (demo vs real mode, or a new app) is another row, so a demo session is worthless in real mode.
 */
export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    clientId: text("client_id").notNull(),
    spotifyId: text("spotify_id").notNull(),
    displayName: text("display_name"),
    imageUrl: text("image_url"),
    /** `reauth_required`: Spotify refused the refresh token; nothing calls Spotify until a new sign-in. */
    status: text("status", { enum: ["active", "reauth_required"] })
      .notNull()
      .default("active"),
    recordingPaused: boolean("recording_paused").notNull().default(false),
    /**
     * The person's IANA time zone (Europe/Berlin), from their browser on a first visit, changeable in
     * Settings; null until then (stats use UTC). Stats' days and hours are cut in it: changing it
     * rebuilds the person's rollups (a trigger, migration 0003).
     */
    timeZone: text("time_zone"),
    createdAt: instant("created_at").notNull().defaultNow(),
  },
  (t) => [unique("users_client_spotify_unique").on(t.clientId, t.spotifyId)],
);

/** Spotify's tokens, sealed with AES-256-GCM (lib/auth/token-crypto.ts): never stored in clear. */
export const spotifyTokens = pgTable("spotify_tokens", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  accessToken: text("access_token").notNull(),
  refreshToken: text("refresh_token").notNull(),
  expiresAt: instant("expires_at").notNull(),
  lifetimeMs: integer("lifetime_ms").notNull(),
  updatedAt: instant("updated_at").notNull().defaultNow(),
  /** A refresh is under way until then (a lease, so that no transaction waits on Spotify). */
  refreshingUntil: instant("refreshing_until"),
});

/** Server-side sessions; the cookie carries the id's secret, the table only its SHA-256. */
export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: instant("created_at").notNull().defaultNow(),
    expiresAt: instant("expires_at").notNull(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

// The catalog: what plays point at, so that reading history never calls Spotify. Keys are Spotify
// URIs; local files (no Spotify id) get a `local:` key of their own.
export const artists = pgTable("artists", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  url: text("url"),
});

export const albums = pgTable("albums", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  url: text("url"),
  imageSmall: text("image_small"),
  imageMedium: text("image_medium"),
  imageLarge: text("image_large"),
});

export const tracks = pgTable(
  "tracks",
  {
    id: text("id").primaryKey(),
    title: text("title").notNull(),
    albumId: text("album_id").references(() => albums.id),
    durationMs: integer("duration_ms").notNull(),
    explicit: boolean("explicit").notNull().default(false),
    isLocal: boolean("is_local").notNull().default(false),
    url: text("url"),
    updatedAt: instant("updated_at").notNull().defaultNow(),
    /**
     * Title, artists and album, folded by `earshot_fold` (lower case, no accents): what history search
     * matches, through a trigram index. Kept current by every catalog write (lib/history/store-plays.ts).
     */
    searchText: text("search_text"),
  },
  (t) => [
    index("tracks_search_trgm_idx").using("gin", sql`${t.searchText} gin_trgm_ops`),
    index("tracks_album_idx").on(t.albumId),
  ],
);

export const trackArtists = pgTable(
  "track_artists",
  {
    trackId: text("track_id")
      .notNull()
      .references(() => tracks.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    artistId: text("artist_id")
      .notNull()
      .references(() => artists.id),
  },
  (t) => [primaryKey({ columns: [t.trackId, t.position] }), index("track_artists_artist_idx").on(t.artistId)],
);

/**
 * One row per play. `played_at` is Spotify's (about the end of the play); one person cannot have two
 * plays at the same instant, which makes every write idempotent (ON CONFLICT DO NOTHING).
 */
export const plays = pgTable(
  "plays",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    playedAt: instant("played_at").notNull(),
    trackId: text("track_id")
      .notNull()
      .references(() => tracks.id),
    contextType: text("context_type"),
    contextUri: text("context_uri"),
    source: text("source", { enum: ["recorded", "imported"] })
      .notNull()
      .default("recorded"),
    /** What was heard, when known (imports); recorded plays only know the track's duration. */
    msPlayed: integer("ms_played"),
    /** The import that added this play (lib/import): "Undo this import" removes exactly these. */
    importId: uuid("import_id").references(() => imports.id, { onDelete: "set null" }),
    createdAt: instant("created_at").notNull().defaultNow(),
  },
  // The unique index also serves "newest first" and keyset paging per person.
  (t) => [
    unique("plays_user_played_at_unique").on(t.userId, t.playedAt),
    index("plays_track_idx").on(t.trackId),
    // A search or an artist/album filter that matches few tracks reads their plays straight from here.
    index("plays_user_track_played_idx").on(t.userId, t.trackId, t.playedAt),
    index("plays_import_idx")
      .on(t.importId)
      .where(sql`${t.importId} is not null`),
  ],
);

/** What an upload held, row by row, and why rows were left out (lib/import/export-rows.ts). */
export type ImportTallies = {
  /** Rows read from the export's files. */
  rows: number;
  /** Music rows of 30 s or more: candidate plays (before in-file duplicates are dropped). */
  candidates: number;
  /** Candidates that another file of the same export already held (Spotify's files overlap). */
  duplicates: number;
  skipped: { short: number; noTrack: number; podcast: number; video: number };
  rejected: number;
  /** Why rows were rejected, most frequent first (at most a few reasons). */
  rejectReasons: { reason: string; count: number }[];
  files: string[];
};

/**
 * An import of Spotify's data export: an upload is read into `import_rows` (nothing touches plays),
 * previewed, then run as a job that any process may resume (a lease, like the recorder's).
 */
export const imports = pgTable(
  "imports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    fileName: text("file_name").notNull(),
    /**
     * `staging`: the upload is being read; `ready`: previewed, nothing written; `running`: the job;
     * `done`; `cancelled` (its plays removed); `failed` (its plays removed); `undone`.
     */
    status: text("status", {
      enum: ["staging", "ready", "running", "done", "cancelled", "failed", "undone"],
    }).notNull(),
    /** Which of Spotify's exports the upload held: extended, account, or both. */
    formats: text("formats")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** The export's `username` when it differs from the signed-in account's (a warning). */
    exportUsername: text("export_username"),
    tallies: jsonb("tallies").$type<ImportTallies>(),
    /** Plays staged (after in-file duplicates), of which `present` matched a stored play at preview. */
    total: integer("total").notNull().default(0),
    present: integer("present").notNull().default(0),
    firstAt: instant("first_at"),
    lastAt: instant("last_at"),
    /** The job: staged rows done (up to and including `cursor_at`, in played_at order), plays added. */
    processed: integer("processed").notNull().default(0),
    added: integer("added").notNull().default(0),
    cursorAt: instant("cursor_at"),
    cancelRequested: boolean("cancel_requested").notNull().default(false),
    leaseOwner: text("lease_owner"),
    leaseUntil: instant("lease_until"),
    /**
     * The span of played_at whose stats rollups are still to be rebuilt: the job writes its plays
     * without the rollups' insert trigger (migration 0007) and widens this in each chunk's
     * transaction; once the plays are in, the rollups of the span's days are rebuilt in slices from
     * `stats_from` on (lib/import/stats-catch-up.ts), which moves forward, then both are cleared.
     */
    statsFrom: instant("stats_from"),
    statsTo: instant("stats_to"),
    /**
     * Runners in a row whose catch-up failed (each after a few tries): the next waits twice as long
     * as the last, up to an hour (lib/import/import-job.ts); a slice that succeeds resets it.
     */
    statsFailures: integer("stats_failures").notNull().default(0),
    /** Coverage gaps this import closed, so that undoing it opens them again. */
    closedGaps: jsonb("closed_gaps").$type<{ fromAt: string; toAt: string; detectedAt: string }[]>(),
    error: text("error"),
    createdAt: instant("created_at").notNull().defaultNow(),
    startedAt: instant("started_at"),
    finishedAt: instant("finished_at"),
  },
  (t) => [
    index("imports_user_created_idx").on(t.userId, sql`${t.createdAt} desc`),
    index("imports_running_idx")
      .on(t.leaseUntil)
      .where(sql`${t.status} = 'running'`),
    // /stats asks whether the person has a catch-up pending; runners look for one left behind.
    index("imports_stats_pending_idx")
      .on(t.userId)
      .where(sql`${t.statsFrom} is not null`),
  ],
);

/**
 * An upload's plays, staged until its job has run (then deleted); one per instant, like plays. Their
 * names are staged once per track (`import_tracks`): an export repeats a favourite's names in
 * hundreds of rows.
 */
export const importRows = pgTable(
  "import_rows",
  {
    importId: uuid("import_id")
      .notNull()
      .references(() => imports.id, { onDelete: "cascade" }),
    playedAt: instant("played_at").notNull(),
    msPlayed: integer("ms_played").notNull(),
    /** The catalog key the play will point at (lib/import/catalog-keys.ts). */
    trackId: text("track_id").notNull(),
  },
  (t) => [primaryKey({ columns: [t.importId, t.playedAt] })],
);

/**
 * An upload's tracks, as the export names them (the first row of each: a track Spotify renamed keeps
 * its first name here; the recorder brings the catalog's names up to date), for the catalog's rows.
 */
export const importTracks = pgTable(
  "import_tracks",
  {
    importId: uuid("import_id")
      .notNull()
      .references(() => imports.id, { onDelete: "cascade" }),
    /** The catalog key (lib/import/catalog-keys.ts). */
    trackId: text("track_id").notNull(),
    /** `spotify:track:…` when the export had one (the Extended export does, the Account one not). */
    trackUri: text("track_uri"),
    title: text("title").notNull(),
    artistName: text("artist_name"),
    albumName: text("album_name"),
  },
  (t) => [primaryKey({ columns: [t.importId, t.trackId] })],
);

/**
 * A stretch in which plays may be missing: Spotify's 50-play window overflowed between two syncs.
 * From the newest play stored before the sync to the oldest play that sync fetched.
 */
export const coverageGaps = pgTable(
  "coverage_gaps",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    fromAt: instant("from_at").notNull(),
    toAt: instant("to_at").notNull(),
    detectedAt: instant("detected_at").notNull().defaultNow(),
  },
  (t) => [unique("coverage_gaps_user_range_unique").on(t.userId, t.fromAt, t.toAt)],
);

/** The recorder's schedule and lease, one row per person. */
export const syncState = pgTable(
  "sync_state",
  {
    userId: uuid("user_id")
      .primaryKey()
      .references(() => users.id, { onDelete: "cascade" }),
    nextSyncAt: instant("next_sync_at").notNull(),
    /** The recorder holding this person until `lease_until`; an expired lease is free to take. */
    leaseOwner: text("lease_owner"),
    leaseUntil: instant("lease_until"),
    lastSyncedAt: instant("last_synced_at"),
    /** Syncs in a row that found nothing new: the back-off towards hourly. */
    quietSyncs: integer("quiet_syncs").notNull().default(0),
  },
  (t) => [index("sync_state_due_idx").on(t.nextSyncAt)],
);

/** A log of syncs: start, end, plays added, error. */
export const syncRuns = pgTable(
  "sync_runs",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    trigger: text("trigger", { enum: ["schedule", "dashboard"] }).notNull(),
    startedAt: instant("started_at").notNull(),
    finishedAt: instant("finished_at"),
    playsAdded: integer("plays_added"),
    error: text("error"),
  },
  (t) => [index("sync_runs_user_started_idx").on(t.userId, sql`${t.startedAt} desc`)],
);

// Stats rollups (issue 12). Kept by database triggers on `plays` (and on `users.time_zone`) that
// recompute every touched local day from raw plays, so that every write path (recorder, dashboard,
// import, undo, account deletion) keeps them current and they always equal the raw figures. Hours
// and days are the person's LOCAL wall-clock ones (a `timestamp`/`date` without time zone): a DST
// fall-back hour that happens twice is one local hour with up to 120 minutes. Nothing but those
// triggers writes here (migrations 0004_stats_rollups and 0005_stats_artist_album_rollups hold
// them). No foreign keys: the rows are derived from `plays` (which has them), a key check per row
// would slow every rebuild, and the triggers remove a person's rows when their plays go (account
// deletion cascades to plays; TRUNCATE is followed too).

/** Plays (counted in the hour of their `played_at`) and milliseconds heard, per person and local hour. */
export const listeningHours = pgTable(
  "listening_hours",
  {
    userId: uuid("user_id").notNull(),
    hour: timestamp("hour", { mode: "string" }).notNull(),
    plays: integer("plays").notNull(),
    ms: bigint("ms", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.hour] })],
);

/** Plays and milliseconds heard per person and local day: calendar, streaks and a range's totals. */
export const listeningDays = pgTable(
  "listening_days",
  {
    userId: uuid("user_id").notNull(),
    day: date("day", { mode: "string" }).notNull(),
    plays: integer("plays").notNull(),
    ms: bigint("ms", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.day] })],
);

/** Plays and milliseconds heard per person, local day and track: tops and distinct counts of a range. */
export const listeningDayTracks = pgTable(
  "listening_day_tracks",
  {
    userId: uuid("user_id").notNull(),
    day: date("day", { mode: "string" }).notNull(),
    trackId: text("track_id").notNull(),
    plays: integer("plays").notNull(),
    ms: bigint("ms", { mode: "number" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.day, t.trackId] }),
    index("listening_day_tracks_track_idx").on(t.userId, t.trackId, t.day),
  ],
);

/** All-time plays, milliseconds, first and last play per person and track. */
export const listeningTracks = pgTable(
  "listening_tracks",
  {
    userId: uuid("user_id").notNull(),
    trackId: text("track_id").notNull(),
    plays: integer("plays").notNull(),
    ms: bigint("ms", { mode: "number" }).notNull(),
    firstPlayedAt: instant("first_played_at").notNull(),
    lastPlayedAt: instant("last_played_at").notNull(),
  },
  // The second index serves discoveries: the tracks first played within a range.
  (t) => [
    primaryKey({ columns: [t.userId, t.trackId] }),
    index("listening_tracks_first_idx").on(t.userId, t.firstPlayedAt),
  ],
);

// Rollups by artist, album and hour of week (migration 0005_stats_artist_album_rollups): a range's
// artist and album tops and distinct counts, and all time's hour of week, without joining its tracks
// to the catalog or summing every hour of ten years. Kept by the same triggers as the ones above,
// plus triggers on the catalog (a track's artists or album can change after its plays are counted).
// The migration also makes the day rollups' keys carry plays and ms (INCLUDE, which Drizzle does not
// model), so that a range is read by an index-only scan.

/** Plays and milliseconds per person, local day and credited artist (every artist of a track). */
export const listeningDayArtists = pgTable(
  "listening_day_artists",
  {
    userId: uuid("user_id").notNull(),
    day: date("day", { mode: "string" }).notNull(),
    artistId: text("artist_id").notNull(),
    plays: integer("plays").notNull(),
    ms: bigint("ms", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.day, t.artistId] })],
);

/** Plays and milliseconds per person, local day and album (tracks without an album are left out). */
export const listeningDayAlbums = pgTable(
  "listening_day_albums",
  {
    userId: uuid("user_id").notNull(),
    day: date("day", { mode: "string" }).notNull(),
    albumId: text("album_id").notNull(),
    plays: integer("plays").notNull(),
    ms: bigint("ms", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.day, t.albumId] })],
);

/** All-time plays, milliseconds and first play per person and artist. */
export const listeningArtists = pgTable(
  "listening_artists",
  {
    userId: uuid("user_id").notNull(),
    artistId: text("artist_id").notNull(),
    plays: integer("plays").notNull(),
    ms: bigint("ms", { mode: "number" }).notNull(),
    firstPlayedAt: instant("first_played_at").notNull(),
  },
  // The second index serves discoveries: the artists first played within a range.
  (t) => [
    primaryKey({ columns: [t.userId, t.artistId] }),
    index("listening_artists_first_idx").on(t.userId, t.firstPlayedAt),
  ],
);

/** All-time plays and milliseconds per person and album. */
export const listeningAlbums = pgTable(
  "listening_albums",
  {
    userId: uuid("user_id").notNull(),
    albumId: text("album_id").notNull(),
    plays: integer("plays").notNull(),
    ms: bigint("ms", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.albumId] })],
);

/** All-time plays and milliseconds per person and local hour of week (ISO day 0 = Monday, hour 0–23). */
export const listeningWeekHours = pgTable(
  "listening_week_hours",
  {
    userId: uuid("user_id").notNull(),
    dow: smallint("dow").notNull(),
    hour: smallint("hour").notNull(),
    plays: integer("plays").notNull(),
    ms: bigint("ms", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.dow, t.hour] })],
);
/**
 * A person's share links (the OBS overlay and the README card), one row per person. The secret in the
 * links is looked up by its SHA-256 only; the sealed copy (AES-GCM, like Spotify's tokens) lets the
 * owner see the links again in Settings. "Reset links" replaces both at once.
 */
export const shareLinks = pgTable("share_links", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  secretHash: text("secret_hash").notNull().unique("share_links_secret_hash_unique"),
  sealedSecret: text("sealed_secret").notNull(),
  enabled: boolean("enabled").notNull().default(false),
  /** What the overlay and the card show (lib/share/share-options.ts), checked on every write. */
  options: jsonb("options").notNull(),
  updatedAt: instant("updated_at").notNull().defaultNow(),
});
