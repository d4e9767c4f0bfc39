CREATE TABLE "listening_albums" (
	"user_id" uuid NOT NULL,
	"album_id" text NOT NULL,
	"plays" integer NOT NULL,
	"ms" bigint NOT NULL,
	CONSTRAINT "listening_albums_user_id_album_id_pk" PRIMARY KEY("user_id","album_id")
);
--> statement-breakpoint
CREATE TABLE "listening_artists" (
	"user_id" uuid NOT NULL,
	"artist_id" text NOT NULL,
	"plays" integer NOT NULL,
	"ms" bigint NOT NULL,
	"first_played_at" timestamp with time zone NOT NULL,
	CONSTRAINT "listening_artists_user_id_artist_id_pk" PRIMARY KEY("user_id","artist_id")
);
--> statement-breakpoint
CREATE TABLE "listening_day_albums" (
	"user_id" uuid NOT NULL,
	"day" date NOT NULL,
	"album_id" text NOT NULL,
	"plays" integer NOT NULL,
	"ms" bigint NOT NULL,
	CONSTRAINT "listening_day_albums_user_id_day_album_id_pk" PRIMARY KEY("user_id","day","album_id")
);
--> statement-breakpoint
CREATE TABLE "listening_day_artists" (
	"user_id" uuid NOT NULL,
	"day" date NOT NULL,
	"artist_id" text NOT NULL,
	"plays" integer NOT NULL,
	"ms" bigint NOT NULL,
	CONSTRAINT "listening_day_artists_user_id_day_artist_id_pk" PRIMARY KEY("user_id","day","artist_id")
);
--> statement-breakpoint
CREATE TABLE "listening_week_hours" (
	"user_id" uuid NOT NULL,
	"dow" smallint NOT NULL,
	"hour" smallint NOT NULL,
	"plays" integer NOT NULL,
	"ms" bigint NOT NULL,
	CONSTRAINT "listening_week_hours_user_id_dow_hour_pk" PRIMARY KEY("user_id","dow","hour")
);
--> statement-breakpoint
CREATE INDEX "listening_artists_first_idx" ON "listening_artists" USING btree ("user_id","first_played_at");--> statement-breakpoint
-- Rollups by artist, album and hour of week (hand-written below the generated tables), so that a
-- range's artist and album tops and distinct counts read a few thousand day rows instead of joining
-- the range's tracks to the catalog, and all time's hour of week reads 168 rows instead of summing
-- every local hour of the history. They follow the day-track rollups of 0004_stats_rollups exactly:
-- a day's artist (album) row is the sum of its track rows over the track's credited artists (its
-- album), and the all-time rows move by what the recomputed days held before and hold after. The
-- catalog can change after plays are counted (a sync rewrites a track's artists and album), so
-- triggers on track_artists and tracks move the counted days of a track whose credits changed.
-- lib/stats/stats-rollups.test.ts checks all of them against raw plays on both stores.
-- The day rollups' keys carry their figures (INCLUDE), so that a range's rows come from an index-only
-- scan of consecutive index pages instead of one heap page per few rows (a day's rows are scattered
-- over the heap by every rewrite of that day): the whole 4-week /stats data took 38 ms of CPU per
-- request on PostgreSQL with plain keys, 29 ms with these. The rows are only ever inserted and
-- deleted, never updated, so carrying the figures in the key costs the writers no HOT updates.
ALTER TABLE "listening_day_tracks" DROP CONSTRAINT "listening_day_tracks_user_id_day_track_id_pk",
  ADD CONSTRAINT "listening_day_tracks_user_id_day_track_id_pk" PRIMARY KEY ("user_id", "day", "track_id") INCLUDE ("plays", "ms");--> statement-breakpoint
ALTER TABLE "listening_day_artists" DROP CONSTRAINT "listening_day_artists_user_id_day_artist_id_pk",
  ADD CONSTRAINT "listening_day_artists_user_id_day_artist_id_pk" PRIMARY KEY ("user_id", "day", "artist_id") INCLUDE ("plays", "ms");--> statement-breakpoint
ALTER TABLE "listening_day_albums" DROP CONSTRAINT "listening_day_albums_user_id_day_album_id_pk",
  ADD CONSTRAINT "listening_day_albums_user_id_day_album_id_pk" PRIMARY KEY ("user_id", "day", "album_id") INCLUDE ("plays", "ms");--> statement-breakpoint
-- The same for an artist's or a track's monthly timeline (its day rows by track): 43 ms of heap
-- fetches for the top artist's 3,617 day rows, 2.6 ms from the index alone.
DROP INDEX "listening_day_tracks_track_idx";--> statement-breakpoint
CREATE INDEX "listening_day_tracks_track_idx" ON "listening_day_tracks" USING btree ("user_id", "track_id", "day") INCLUDE ("plays", "ms");--> statement-breakpoint
CREATE OR REPLACE FUNCTION public.earshot_stats_refresh_days(p_user uuid, p_tz text, p_days date[], p_tracks text[])
  RETURNS void LANGUAGE plpgsql SET jit = off AS $$
BEGIN
  IF p_days IS NULL OR cardinality(p_days) = 0 THEN RETURN; END IF;
  -- Every rollup keyed by a day loses the days' rows; the all-time ones lose what those rows held.
  WITH old AS (
    DELETE FROM public.listening_hours h USING unnest(p_days) AS d(day)
     WHERE h.user_id = p_user AND h.hour >= d.day AND h.hour < d.day + 1
    RETURNING h.hour, h.plays, h.ms
  ), moved AS (
    SELECT date_part('isodow', o.hour)::int - 1 AS dow, date_part('hour', o.hour)::int AS hr,
           sum(o.plays) AS plays, sum(o.ms) AS ms
      FROM old o GROUP BY 1, 2
  )
  UPDATE public.listening_week_hours w SET plays = w.plays - m.plays, ms = w.ms - m.ms
    FROM moved m WHERE w.user_id = p_user AND w.dow = m.dow AND w.hour = m.hr;
  DELETE FROM public.listening_days d WHERE d.user_id = p_user AND d.day = ANY (p_days);
  -- Per-track totals move by what the days held before and hold after (a popular track's totals
  -- span thousands of days: recounting them on every sync would cost far more than the days).
  WITH old AS (
    DELETE FROM public.listening_day_tracks d WHERE d.user_id = p_user AND d.day = ANY (p_days)
    RETURNING d.track_id, d.plays, d.ms
  ), moved AS (
    SELECT o.track_id, sum(o.plays) AS plays, sum(o.ms) AS ms FROM old o GROUP BY o.track_id
  )
  UPDATE public.listening_tracks l SET plays = l.plays - m.plays, ms = l.ms - m.ms
    FROM moved m WHERE l.user_id = p_user AND l.track_id = m.track_id;
  WITH old AS (
    DELETE FROM public.listening_day_artists d WHERE d.user_id = p_user AND d.day = ANY (p_days)
    RETURNING d.artist_id, d.plays, d.ms
  ), moved AS (
    SELECT o.artist_id, sum(o.plays) AS plays, sum(o.ms) AS ms FROM old o GROUP BY o.artist_id
  )
  UPDATE public.listening_artists l SET plays = l.plays - m.plays, ms = l.ms - m.ms
    FROM moved m WHERE l.user_id = p_user AND l.artist_id = m.artist_id;
  WITH old AS (
    DELETE FROM public.listening_day_albums d WHERE d.user_id = p_user AND d.day = ANY (p_days)
    RETURNING d.album_id, d.plays, d.ms
  ), moved AS (
    SELECT o.album_id, sum(o.plays) AS plays, sum(o.ms) AS ms FROM old o GROUP BY o.album_id
  )
  UPDATE public.listening_albums l SET plays = l.plays - m.plays, ms = l.ms - m.ms
    FROM moved m WHERE l.user_id = p_user AND l.album_id = m.album_id;
  WITH bounds AS (
    -- Plays that can put minutes into a day end within 24 hours after it; a play's previous one
    -- matters only within 24 hours (a longer gap caps nothing). An hour more each way for DST.
    SELECT (d.day::timestamp AT TIME ZONE p_tz) - interval '25 hours' AS lo,
           ((d.day + 1)::timestamp AT TIME ZONE p_tz) + interval '25 hours' AS hi
      FROM unnest(p_days) AS d(day)
  ), ranges AS (
    SELECT unnest(range_agg(tstzrange(b.lo, b.hi))) AS r FROM bounds b
  ), heard AS (
    SELECT p.played_at, p.track_id, t.album_id,
           round(extract(epoch FROM p.played_at) * 1000)::bigint AS end_ms,
           greatest(0, least(86400000::bigint, coalesce(p.ms_played::bigint, least(t.duration_ms::bigint,
             coalesce(round(extract(epoch FROM p.played_at - lag(p.played_at) OVER (ORDER BY p.played_at)) * 1000)::bigint,
                      t.duration_ms::bigint))))) AS ms
      FROM ranges
      -- One index range scan per range (OFFSET 0 keeps the planner from flattening this into a
      -- scan of all the person's plays filtered by the ranges).
      CROSS JOIN LATERAL (
        SELECT p.played_at, p.track_id, p.ms_played FROM public.plays p
         WHERE p.user_id = p_user AND p.played_at >= lower(ranges.r) AND p.played_at < upper(ranges.r)
        OFFSET 0) p
      JOIN public.tracks t ON t.id = p.track_id
  ), pieces AS (
    SELECT h.track_id, h.album_id,
           date_trunc('hour', to_timestamp((q.q / 1000)::double precision) AT TIME ZONE p_tz) AS hour,
           0 AS plays,
           least(h.end_ms, q.q + 900000) - greatest(h.end_ms - h.ms, q.q) AS ms
      FROM heard h
      CROSS JOIN LATERAL generate_series(((h.end_ms - h.ms) / 900000) * 900000, h.end_ms - 1, 900000::bigint) AS q(q)
     WHERE h.ms > 0
    UNION ALL
    SELECT h.track_id, h.album_id, date_trunc('hour', h.played_at AT TIME ZONE p_tz), 1, 0 FROM heard h
  ), kept AS MATERIALIZED (
    SELECT * FROM pieces WHERE pieces.hour::date IN (SELECT unnest(p_days))
  ), hours AS (
    INSERT INTO public.listening_hours (user_id, hour, plays, ms)
    SELECT p_user, k.hour, sum(k.plays), sum(k.ms) FROM kept k GROUP BY k.hour
    RETURNING hour, plays, ms
  ), week_hours AS (
    INSERT INTO public.listening_week_hours AS w (user_id, dow, hour, plays, ms)
    SELECT p_user, date_part('isodow', n.hour)::int - 1, date_part('hour', n.hour)::int, sum(n.plays), sum(n.ms)
      FROM hours n GROUP BY 2, 3
    ON CONFLICT (user_id, dow, hour) DO UPDATE SET plays = w.plays + excluded.plays, ms = w.ms + excluded.ms
  ), days AS (
    INSERT INTO public.listening_days (user_id, day, plays, ms)
    SELECT p_user, k.hour::date, sum(k.plays), sum(k.ms) FROM kept k GROUP BY k.hour::date
  ), day_tracks AS (
    INSERT INTO public.listening_day_tracks (user_id, day, track_id, plays, ms)
    SELECT p_user, k.hour::date, k.track_id, sum(k.plays), sum(k.ms) FROM kept k GROUP BY k.hour::date, k.track_id
    RETURNING day, track_id, plays, ms
  ), day_artists AS (
    INSERT INTO public.listening_day_artists (user_id, day, artist_id, plays, ms)
    -- A track's credits by its key, one probe per day and track: a sync's few hundred rows would
    -- otherwise hash the whole catalog.
    SELECT p_user, n.day, ta.artist_id, sum(n.plays), sum(n.ms)
      FROM day_tracks n
      CROSS JOIN LATERAL (SELECT ta.artist_id FROM public.track_artists ta WHERE ta.track_id = n.track_id OFFSET 0) ta
     GROUP BY n.day, ta.artist_id
    RETURNING artist_id, plays, ms
  ), artists AS (
    INSERT INTO public.listening_artists AS l (user_id, artist_id, plays, ms, first_played_at)
    SELECT p_user, n.artist_id, sum(n.plays), sum(n.ms), 'infinity' FROM day_artists n GROUP BY n.artist_id
    ON CONFLICT (user_id, artist_id) DO UPDATE SET plays = l.plays + excluded.plays, ms = l.ms + excluded.ms
  ), day_albums AS (
    INSERT INTO public.listening_day_albums (user_id, day, album_id, plays, ms)
    -- The album came with the track's duration (heard): no second look at the catalog.
    SELECT p_user, k.hour::date, k.album_id, sum(k.plays), sum(k.ms)
      FROM kept k WHERE k.album_id IS NOT NULL GROUP BY k.hour::date, k.album_id
    RETURNING album_id, plays, ms
  ), albums AS (
    INSERT INTO public.listening_albums AS l (user_id, album_id, plays, ms)
    SELECT p_user, n.album_id, sum(n.plays), sum(n.ms) FROM day_albums n GROUP BY n.album_id
    ON CONFLICT (user_id, album_id) DO UPDATE SET plays = l.plays + excluded.plays, ms = l.ms + excluded.ms
  )
  INSERT INTO public.listening_tracks AS l (user_id, track_id, plays, ms, first_played_at, last_played_at)
  SELECT p_user, n.track_id, sum(n.plays), sum(n.ms), 'infinity', '-infinity' FROM day_tracks n GROUP BY n.track_id
  ON CONFLICT (user_id, track_id) DO UPDATE SET plays = l.plays + excluded.plays, ms = l.ms + excluded.ms;
  -- A local hour of the week with nothing left is no row (raw figures have no empty groups).
  DELETE FROM public.listening_week_hours w WHERE w.user_id = p_user AND w.plays = 0 AND w.ms = 0;
  -- Only the changed plays' tracks (and so their artists and albums) can gain or lose plays, hence
  -- first and last plays: two index probes each (min/max on plays_user_track_played_idx).
  DELETE FROM public.listening_tracks l WHERE l.user_id = p_user AND l.track_id = ANY (p_tracks) AND l.plays <= 0;
  UPDATE public.listening_tracks l
     SET first_played_at = (SELECT min(p.played_at) FROM public.plays p WHERE p.user_id = p_user AND p.track_id = l.track_id),
         last_played_at = (SELECT max(p.played_at) FROM public.plays p WHERE p.user_id = p_user AND p.track_id = l.track_id)
   WHERE l.user_id = p_user AND (l.track_id = ANY (p_tracks) OR l.first_played_at = 'infinity');
  DELETE FROM public.listening_albums l WHERE l.user_id = p_user AND l.plays <= 0
     AND l.album_id IN (SELECT t.album_id FROM public.tracks t WHERE t.id = ANY (p_tracks));
  DELETE FROM public.listening_artists l WHERE l.user_id = p_user AND l.plays <= 0
     AND l.artist_id IN (SELECT ta.artist_id FROM public.track_artists ta WHERE ta.track_id = ANY (p_tracks));
  PERFORM public.earshot_stats_artist_firsts(p_user,
    ARRAY(SELECT ta.artist_id FROM public.track_artists ta WHERE ta.track_id = ANY (p_tracks)));
END $$;--> statement-breakpoint
-- An artist's first play is the earliest first play of their tracks (listening_tracks, kept above),
-- for these artists and for any just added (first_played_at still 'infinity').
CREATE OR REPLACE FUNCTION public.earshot_stats_artist_firsts(p_user uuid, p_artists text[])
  RETURNS void LANGUAGE plpgsql SET jit = off AS $$
BEGIN
  UPDATE public.listening_artists l
     SET first_played_at = (SELECT min(lt.first_played_at) FROM public.track_artists ta
                              JOIN public.listening_tracks lt ON lt.user_id = p_user AND lt.track_id = ta.track_id
                             WHERE ta.artist_id = l.artist_id)
   WHERE l.user_id = p_user AND (l.artist_id = ANY (p_artists) OR l.first_played_at = 'infinity');
END $$;--> statement-breakpoint
-- Every rollup row of one person goes (their plays or their account went, or a rebuild starts).
CREATE OR REPLACE FUNCTION public.earshot_stats_forget(p_user uuid) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM public.listening_hours WHERE user_id = p_user;
  DELETE FROM public.listening_day_tracks WHERE user_id = p_user;
  DELETE FROM public.listening_days WHERE user_id = p_user;
  DELETE FROM public.listening_tracks WHERE user_id = p_user;
  DELETE FROM public.listening_day_artists WHERE user_id = p_user;
  DELETE FROM public.listening_day_albums WHERE user_id = p_user;
  DELETE FROM public.listening_artists WHERE user_id = p_user;
  DELETE FROM public.listening_albums WHERE user_id = p_user;
  DELETE FROM public.listening_week_hours WHERE user_id = p_user;
END $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION public.earshot_stats_touch(p_user uuid, p_at timestamptz[], p_tracks text[])
  RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  tz text;
  days date[];
BEGIN
  -- One writer per person at a time: two transactions recomputing the same day would collide.
  PERFORM pg_advisory_xact_lock(hashtextextended('earshot_stats:' || p_user::text, 0));
  SELECT u.time_zone INTO tz FROM public.users u WHERE u.id = p_user;
  IF NOT FOUND THEN
    -- The person is gone (account deletion cascades to plays): so are their figures.
    PERFORM public.earshot_stats_forget(p_user);
    RETURN;
  END IF;
  tz := coalesce(tz, 'UTC');
  SELECT array_agg(DISTINCT g::date) INTO days
    FROM unnest(p_at) AS a(at)
    CROSS JOIN LATERAL generate_series(((a.at - interval '24 hours') AT TIME ZONE tz)::date::timestamp,
                                       ((a.at + interval '24 hours') AT TIME ZONE tz)::date::timestamp,
                                       interval '1 day') AS g;
  PERFORM public.earshot_stats_refresh_days(p_user, tz, days, p_tracks);
END $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION public.earshot_stats_rebuild(p_user uuid) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  tz text;
  days date[];
  all_tracks text[];
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended('earshot_stats:' || p_user::text, 0));
  SELECT coalesce(u.time_zone, 'UTC') INTO tz FROM public.users u WHERE u.id = p_user;
  PERFORM public.earshot_stats_forget(p_user);
  IF tz IS NULL THEN RETURN; END IF;
  SELECT array_agg(g::date) INTO days
    FROM (SELECT min(p.played_at) AS lo, max(p.played_at) AS hi FROM public.plays p WHERE p.user_id = p_user) b
    CROSS JOIN LATERAL generate_series(((b.lo - interval '24 hours') AT TIME ZONE tz)::date::timestamp,
                                       (b.hi AT TIME ZONE tz)::date::timestamp, interval '1 day') AS g
   WHERE b.lo IS NOT NULL;
  SELECT array_agg(DISTINCT p.track_id) INTO all_tracks FROM public.plays p WHERE p.user_id = p_user;
  PERFORM public.earshot_stats_refresh_days(p_user, tz, days, all_tracks);
END $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION public.earshot_stats_plays_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE public.listening_hours, public.listening_days, public.listening_day_tracks, public.listening_tracks,
    public.listening_day_artists, public.listening_day_albums, public.listening_artists, public.listening_albums,
    public.listening_week_hours;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION public.earshot_stats_user_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM public.earshot_stats_forget(OLD.id);
  RETURN NULL;
END $$;--> statement-breakpoint
-- A track's credit moved: (track, artist or album, +1 gained / -1 lost). Its counted days move from
-- the old artist (album) to the new one, for every person who played it. Rows of a track that gained
-- and lost the same credit (a sync rewriting what was there) cancel out before anything is read, so
-- the common case costs one aggregate over the statement's rows.
CREATE OR REPLACE FUNCTION public.earshot_stats_moved(p_user uuid, p_tracks text[], p_keys text[], p_signs int[])
  RETURNS TABLE (day date, key text, plays bigint, ms bigint) LANGUAGE sql STABLE AS $$
  SELECT d.day, x.k, sum(x.s * d.plays)::bigint, sum(x.s * d.ms)::bigint
    FROM (SELECT c.t, c.k, sum(c.s) AS s FROM unnest(p_tracks, p_keys, p_signs) AS c(t, k, s)
           WHERE c.k IS NOT NULL GROUP BY c.t, c.k HAVING sum(c.s) <> 0) x
    JOIN public.listening_day_tracks d ON d.user_id = p_user AND d.track_id = x.t
   GROUP BY d.day, x.k
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION public.earshot_stats_recredit(p_kind text, p_tracks text[], p_keys text[], p_signs int[])
  RETURNS void LANGUAGE plpgsql SET jit = off AS $$
DECLARE
  changed text[];
  keys text[];
  who uuid;
BEGIN
  SELECT array_agg(DISTINCT x.t), array_agg(DISTINCT x.k) INTO changed, keys
    FROM (SELECT c.t, c.k FROM unnest(p_tracks, p_keys, p_signs) AS c(t, k, s)
           WHERE c.k IS NOT NULL GROUP BY c.t, c.k HAVING sum(c.s) <> 0) x;
  IF changed IS NULL THEN RETURN; END IF;
  -- The people who played a changed track: one probe of listening_tracks' key per person.
  FOR who IN
    SELECT u.id FROM public.users u
     WHERE EXISTS (SELECT 1 FROM public.listening_tracks lt WHERE lt.user_id = u.id AND lt.track_id = ANY (changed))
     ORDER BY u.id
  LOOP
    PERFORM pg_advisory_xact_lock(hashtextextended('earshot_stats:' || who::text, 0));
    IF p_kind = 'artist' THEN
      INSERT INTO public.listening_day_artists AS l (user_id, day, artist_id, plays, ms)
      SELECT who, m.day, m.key, m.plays, m.ms FROM public.earshot_stats_moved(who, p_tracks, p_keys, p_signs) m
      ON CONFLICT (user_id, day, artist_id) DO UPDATE SET plays = l.plays + excluded.plays, ms = l.ms + excluded.ms;
      DELETE FROM public.listening_day_artists l USING public.earshot_stats_moved(who, p_tracks, p_keys, p_signs) m
       WHERE l.user_id = who AND l.day = m.day AND l.artist_id = m.key AND l.plays = 0 AND l.ms = 0;
      INSERT INTO public.listening_artists AS l (user_id, artist_id, plays, ms, first_played_at)
      SELECT who, m.key, sum(m.plays), sum(m.ms), 'infinity'
        FROM public.earshot_stats_moved(who, p_tracks, p_keys, p_signs) m GROUP BY m.key
      ON CONFLICT (user_id, artist_id) DO UPDATE SET plays = l.plays + excluded.plays, ms = l.ms + excluded.ms;
      DELETE FROM public.listening_artists l WHERE l.user_id = who AND l.artist_id = ANY (keys) AND l.plays <= 0;
      PERFORM public.earshot_stats_artist_firsts(who, keys);
    ELSE
      INSERT INTO public.listening_day_albums AS l (user_id, day, album_id, plays, ms)
      SELECT who, m.day, m.key, m.plays, m.ms FROM public.earshot_stats_moved(who, p_tracks, p_keys, p_signs) m
      ON CONFLICT (user_id, day, album_id) DO UPDATE SET plays = l.plays + excluded.plays, ms = l.ms + excluded.ms;
      DELETE FROM public.listening_day_albums l USING public.earshot_stats_moved(who, p_tracks, p_keys, p_signs) m
       WHERE l.user_id = who AND l.day = m.day AND l.album_id = m.key AND l.plays = 0 AND l.ms = 0;
      INSERT INTO public.listening_albums AS l (user_id, album_id, plays, ms)
      SELECT who, m.key, sum(m.plays), sum(m.ms)
        FROM public.earshot_stats_moved(who, p_tracks, p_keys, p_signs) m GROUP BY m.key
      ON CONFLICT (user_id, album_id) DO UPDATE SET plays = l.plays + excluded.plays, ms = l.ms + excluded.ms;
      DELETE FROM public.listening_albums l WHERE l.user_id = who AND l.album_id = ANY (keys) AND l.plays <= 0;
    END IF;
  END LOOP;
END $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION public.earshot_stats_track_artists_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM public.earshot_stats_recredit('artist', array_agg(n.track_id), array_agg(n.artist_id), array_agg(1))
     FROM new_links n HAVING count(*) > 0;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION public.earshot_stats_track_artists_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM public.earshot_stats_recredit('artist', array_agg(o.track_id), array_agg(o.artist_id), array_agg(-1))
     FROM old_links o HAVING count(*) > 0;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION public.earshot_stats_track_artists_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM public.earshot_stats_recredit('artist', array_agg(c.track_id), array_agg(c.artist_id), array_agg(c.s))
     FROM (SELECT o.track_id, o.artist_id, -1 AS s FROM old_links o
           UNION ALL SELECT n.track_id, n.artist_id, 1 FROM new_links n) c
   HAVING count(*) > 0;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION public.earshot_stats_track_album_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM public.earshot_stats_recredit('album', array_agg(c.id), array_agg(c.album_id), array_agg(c.s))
     FROM (SELECT o.id, o.album_id, -1 AS s FROM old_tracks o JOIN new_tracks n ON n.id = o.id
            WHERE n.album_id IS DISTINCT FROM o.album_id
           UNION ALL
           SELECT n.id, n.album_id, 1 FROM old_tracks o JOIN new_tracks n ON n.id = o.id
            WHERE n.album_id IS DISTINCT FROM o.album_id) c
   HAVING count(*) > 0;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER track_artists_stats_insert AFTER INSERT ON public.track_artists
  REFERENCING NEW TABLE AS new_links FOR EACH STATEMENT EXECUTE FUNCTION public.earshot_stats_track_artists_inserted();--> statement-breakpoint
CREATE TRIGGER track_artists_stats_delete AFTER DELETE ON public.track_artists
  REFERENCING OLD TABLE AS old_links FOR EACH STATEMENT EXECUTE FUNCTION public.earshot_stats_track_artists_deleted();--> statement-breakpoint
CREATE TRIGGER track_artists_stats_update AFTER UPDATE ON public.track_artists
  REFERENCING OLD TABLE AS old_links NEW TABLE AS new_links FOR EACH STATEMENT EXECUTE FUNCTION public.earshot_stats_track_artists_updated();--> statement-breakpoint
CREATE TRIGGER tracks_stats_album_update AFTER UPDATE ON public.tracks
  REFERENCING OLD TABLE AS old_tracks NEW TABLE AS new_tracks FOR EACH STATEMENT EXECUTE FUNCTION public.earshot_stats_track_album_updated();--> statement-breakpoint
-- Backfill from the rollups 0004 kept (they equal raw plays), with the catalog as it is now.
INSERT INTO public.listening_day_artists (user_id, day, artist_id, plays, ms)
SELECT d.user_id, d.day, ta.artist_id, sum(d.plays), sum(d.ms)
  FROM public.listening_day_tracks d JOIN public.track_artists ta ON ta.track_id = d.track_id
 GROUP BY d.user_id, d.day, ta.artist_id;--> statement-breakpoint
INSERT INTO public.listening_day_albums (user_id, day, album_id, plays, ms)
SELECT d.user_id, d.day, t.album_id, sum(d.plays), sum(d.ms)
  FROM public.listening_day_tracks d JOIN public.tracks t ON t.id = d.track_id WHERE t.album_id IS NOT NULL
 GROUP BY d.user_id, d.day, t.album_id;--> statement-breakpoint
INSERT INTO public.listening_artists (user_id, artist_id, plays, ms, first_played_at)
SELECT l.user_id, ta.artist_id, sum(l.plays), sum(l.ms), min(l.first_played_at)
  FROM public.listening_tracks l JOIN public.track_artists ta ON ta.track_id = l.track_id
 GROUP BY l.user_id, ta.artist_id;--> statement-breakpoint
INSERT INTO public.listening_albums (user_id, album_id, plays, ms)
SELECT l.user_id, t.album_id, sum(l.plays), sum(l.ms)
  FROM public.listening_tracks l JOIN public.tracks t ON t.id = l.track_id WHERE t.album_id IS NOT NULL
 GROUP BY l.user_id, t.album_id;--> statement-breakpoint
INSERT INTO public.listening_week_hours (user_id, dow, hour, plays, ms)
SELECT h.user_id, date_part('isodow', h.hour)::int - 1, date_part('hour', h.hour)::int, sum(h.plays), sum(h.ms)
  FROM public.listening_hours h GROUP BY 1, 2, 3;
