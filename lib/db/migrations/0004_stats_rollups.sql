CREATE TABLE "listening_day_tracks" (
	"user_id" uuid NOT NULL,
	"day" date NOT NULL,
	"track_id" text NOT NULL,
	"plays" integer NOT NULL,
	"ms" bigint NOT NULL,
	CONSTRAINT "listening_day_tracks_user_id_day_track_id_pk" PRIMARY KEY("user_id","day","track_id")
);
--> statement-breakpoint
CREATE TABLE "listening_days" (
	"user_id" uuid NOT NULL,
	"day" date NOT NULL,
	"plays" integer NOT NULL,
	"ms" bigint NOT NULL,
	CONSTRAINT "listening_days_user_id_day_pk" PRIMARY KEY("user_id","day")
);
--> statement-breakpoint
CREATE TABLE "listening_hours" (
	"user_id" uuid NOT NULL,
	"hour" timestamp NOT NULL,
	"plays" integer NOT NULL,
	"ms" bigint NOT NULL,
	CONSTRAINT "listening_hours_user_id_hour_pk" PRIMARY KEY("user_id","hour")
);
--> statement-breakpoint
CREATE TABLE "listening_tracks" (
	"user_id" uuid NOT NULL,
	"track_id" text NOT NULL,
	"plays" integer NOT NULL,
	"ms" bigint NOT NULL,
	"first_played_at" timestamp with time zone NOT NULL,
	"last_played_at" timestamp with time zone NOT NULL,
	CONSTRAINT "listening_tracks_user_id_track_id_pk" PRIMARY KEY("user_id","track_id")
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "time_zone" text;--> statement-breakpoint
CREATE INDEX "listening_day_tracks_track_idx" ON "listening_day_tracks" USING btree ("user_id","track_id","day");--> statement-breakpoint
CREATE INDEX "listening_tracks_first_idx" ON "listening_tracks" USING btree ("user_id","first_played_at");--> statement-breakpoint
-- Stats rollups, kept by triggers (hand-written below the generated tables). The minutes of a play:
-- `ms_played` when known (imports), else the track's duration capped at the time since the previous
-- play ended (played_at is about the END of a play: a play cannot have started before the one before
-- it ended); never more than 24 hours. A play is heard over [played_at - minutes, played_at], split
-- exactly across the person's local hours (through UTC quarter hours: every zone's offset is a
-- multiple of 15 minutes, so a local hour boundary is always one), and counted as one play in the
-- local hour of its played_at. Writes recompute every local day they can touch (24 hours either
-- side of each changed play: its own minutes, and the next play's cap) from raw plays, so rollups
-- equal raw figures by construction; lib/stats/stats-rollups.test.ts checks it on both stores.
-- jit off: the planner cannot see how few rows a sync touches, and compiling its plans costs more
-- than running them (seconds, against milliseconds).
CREATE OR REPLACE FUNCTION public.earshot_stats_refresh_days(p_user uuid, p_tz text, p_days date[], p_tracks text[])
  RETURNS void LANGUAGE plpgsql SET jit = off AS $$
BEGIN
  IF p_days IS NULL OR cardinality(p_days) = 0 THEN RETURN; END IF;
  DELETE FROM public.listening_hours h USING unnest(p_days) AS d(day)
   WHERE h.user_id = p_user AND h.hour >= d.day AND h.hour < d.day + 1;
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
  WITH bounds AS (
    -- Plays that can put minutes into a day end within 24 hours after it; a play's previous one
    -- matters only within 24 hours (a longer gap caps nothing). An hour more each way for DST.
    SELECT (d.day::timestamp AT TIME ZONE p_tz) - interval '25 hours' AS lo,
           ((d.day + 1)::timestamp AT TIME ZONE p_tz) + interval '25 hours' AS hi
      FROM unnest(p_days) AS d(day)
  ), ranges AS (
    SELECT unnest(range_agg(tstzrange(b.lo, b.hi))) AS r FROM bounds b
  ), heard AS (
    SELECT p.played_at, p.track_id,
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
    SELECT h.track_id,
           date_trunc('hour', to_timestamp((q.q / 1000)::double precision) AT TIME ZONE p_tz) AS hour,
           0 AS plays,
           least(h.end_ms, q.q + 900000) - greatest(h.end_ms - h.ms, q.q) AS ms
      FROM heard h
      CROSS JOIN LATERAL generate_series(((h.end_ms - h.ms) / 900000) * 900000, h.end_ms - 1, 900000::bigint) AS q(q)
     WHERE h.ms > 0
    UNION ALL
    SELECT h.track_id, date_trunc('hour', h.played_at AT TIME ZONE p_tz), 1, 0 FROM heard h
  ), kept AS MATERIALIZED (
    SELECT * FROM pieces WHERE pieces.hour::date IN (SELECT unnest(p_days))
  ), hours AS (
    INSERT INTO public.listening_hours (user_id, hour, plays, ms)
    SELECT p_user, k.hour, sum(k.plays), sum(k.ms) FROM kept k GROUP BY k.hour
  ), days AS (
    INSERT INTO public.listening_days (user_id, day, plays, ms)
    SELECT p_user, k.hour::date, sum(k.plays), sum(k.ms) FROM kept k GROUP BY k.hour::date
  ), day_tracks AS (
    INSERT INTO public.listening_day_tracks (user_id, day, track_id, plays, ms)
    SELECT p_user, k.hour::date, k.track_id, sum(k.plays), sum(k.ms) FROM kept k GROUP BY k.hour::date, k.track_id
    RETURNING track_id, plays, ms
  )
  INSERT INTO public.listening_tracks AS l (user_id, track_id, plays, ms, first_played_at, last_played_at)
  SELECT p_user, n.track_id, sum(n.plays), sum(n.ms), 'infinity', '-infinity' FROM day_tracks n GROUP BY n.track_id
  ON CONFLICT (user_id, track_id) DO UPDATE SET plays = l.plays + excluded.plays, ms = l.ms + excluded.ms;
  -- Only the changed plays' tracks can gain or lose plays, hence first and last plays: two index
  -- probes each (min/max on plays_user_track_played_idx).
  DELETE FROM public.listening_tracks l WHERE l.user_id = p_user AND l.track_id = ANY (p_tracks) AND l.plays <= 0;
  UPDATE public.listening_tracks l
     SET first_played_at = (SELECT min(p.played_at) FROM public.plays p WHERE p.user_id = p_user AND p.track_id = l.track_id),
         last_played_at = (SELECT max(p.played_at) FROM public.plays p WHERE p.user_id = p_user AND p.track_id = l.track_id)
   WHERE l.user_id = p_user AND (l.track_id = ANY (p_tracks) OR l.first_played_at = 'infinity');
END $$;--> statement-breakpoint
-- Plays of one person at these instants were written or removed: recompute what they can touch.
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
    DELETE FROM public.listening_hours WHERE user_id = p_user;
    DELETE FROM public.listening_day_tracks WHERE user_id = p_user;
    DELETE FROM public.listening_days WHERE user_id = p_user;
    DELETE FROM public.listening_tracks WHERE user_id = p_user;
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
-- Everything of one person again (their time zone changed): every local day they have plays on.
CREATE OR REPLACE FUNCTION public.earshot_stats_rebuild(p_user uuid) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  tz text;
  days date[];
  all_tracks text[];
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended('earshot_stats:' || p_user::text, 0));
  SELECT coalesce(u.time_zone, 'UTC') INTO tz FROM public.users u WHERE u.id = p_user;
  DELETE FROM public.listening_hours WHERE user_id = p_user;
  DELETE FROM public.listening_day_tracks WHERE user_id = p_user;
  DELETE FROM public.listening_days WHERE user_id = p_user;
  DELETE FROM public.listening_tracks WHERE user_id = p_user;
  IF tz IS NULL THEN RETURN; END IF;
  SELECT array_agg(g::date) INTO days
    FROM (SELECT min(p.played_at) AS lo, max(p.played_at) AS hi FROM public.plays p WHERE p.user_id = p_user) b
    CROSS JOIN LATERAL generate_series(((b.lo - interval '24 hours') AT TIME ZONE tz)::date::timestamp,
                                       (b.hi AT TIME ZONE tz)::date::timestamp, interval '1 day') AS g
   WHERE b.lo IS NOT NULL;
  SELECT array_agg(DISTINCT p.track_id) INTO all_tracks FROM public.plays p WHERE p.user_id = p_user;
  PERFORM public.earshot_stats_refresh_days(p_user, tz, days, all_tracks);
END $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION public.earshot_stats_plays_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM public.earshot_stats_touch(c.user_id, array_agg(c.played_at), array_agg(DISTINCT c.track_id))
     FROM changed_rows c GROUP BY c.user_id ORDER BY c.user_id;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION public.earshot_stats_plays_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM public.earshot_stats_touch(c.user_id, array_agg(c.played_at), array_agg(DISTINCT c.track_id))
     FROM removed_rows c GROUP BY c.user_id ORDER BY c.user_id;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION public.earshot_stats_plays_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM public.earshot_stats_touch(c.user_id, array_agg(c.played_at), array_agg(DISTINCT c.track_id))
     FROM (SELECT user_id, played_at, track_id FROM before_rows
           UNION ALL SELECT user_id, played_at, track_id FROM after_rows) c
    GROUP BY c.user_id ORDER BY c.user_id;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION public.earshot_stats_plays_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE public.listening_hours, public.listening_days, public.listening_day_tracks, public.listening_tracks;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION public.earshot_stats_zone_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.time_zone IS NOT NULL THEN
    PERFORM now() AT TIME ZONE NEW.time_zone; -- an unknown zone stops here (22023)
  END IF;
  IF TG_OP = 'UPDATE' THEN
    PERFORM public.earshot_stats_rebuild(NEW.id);
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION public.earshot_stats_user_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM public.listening_hours WHERE user_id = OLD.id;
  DELETE FROM public.listening_day_tracks WHERE user_id = OLD.id;
  DELETE FROM public.listening_days WHERE user_id = OLD.id;
  DELETE FROM public.listening_tracks WHERE user_id = OLD.id;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER plays_stats_insert AFTER INSERT ON public.plays
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION public.earshot_stats_plays_inserted();--> statement-breakpoint
CREATE TRIGGER plays_stats_delete AFTER DELETE ON public.plays
  REFERENCING OLD TABLE AS removed_rows FOR EACH STATEMENT EXECUTE FUNCTION public.earshot_stats_plays_deleted();--> statement-breakpoint
CREATE TRIGGER plays_stats_update AFTER UPDATE ON public.plays
  REFERENCING OLD TABLE AS before_rows NEW TABLE AS after_rows FOR EACH STATEMENT EXECUTE FUNCTION public.earshot_stats_plays_updated();--> statement-breakpoint
CREATE TRIGGER plays_stats_truncate AFTER TRUNCATE ON public.plays
  FOR EACH STATEMENT EXECUTE FUNCTION public.earshot_stats_plays_truncated();--> statement-breakpoint
CREATE TRIGGER users_stats_zone_set AFTER INSERT ON public.users
  FOR EACH ROW WHEN (NEW.time_zone IS NOT NULL) EXECUTE FUNCTION public.earshot_stats_zone_changed();--> statement-breakpoint
CREATE TRIGGER users_stats_zone_changed AFTER UPDATE OF time_zone ON public.users
  FOR EACH ROW WHEN (OLD.time_zone IS DISTINCT FROM NEW.time_zone) EXECUTE FUNCTION public.earshot_stats_zone_changed();--> statement-breakpoint
CREATE TRIGGER users_stats_deleted AFTER DELETE ON public.users
  FOR EACH ROW EXECUTE FUNCTION public.earshot_stats_user_deleted();
