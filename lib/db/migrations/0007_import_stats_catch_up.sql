ALTER TABLE "imports" ADD COLUMN "stats_from" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "imports" ADD COLUMN "stats_to" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "imports_stats_pending_idx" ON "imports" USING btree ("user_id") WHERE "imports"."stats_from" is not null;--> statement-breakpoint
-- An import writes its plays first and rebuilds their days' stats rollups after (issue 11): keeping
-- the rollups current chunk by chunk was about half of a 250,000-row import on PostgreSQL, and on
-- the embedded database the job did not finish at all. The import job sets `earshot.stats_deferred`
-- for its chunk's transaction only (set_config(…, true)); every other insert (the recorder, the
-- dashboard's write-through) keeps the rollups current as before, and deletes and updates (undo,
-- cancel, a failed import, account deletion) always do.
CREATE OR REPLACE FUNCTION public.earshot_stats_plays_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('earshot.stats_deferred', true) = 'on' THEN RETURN NULL; END IF;
  PERFORM public.earshot_stats_touch(c.user_id, array_agg(c.played_at), array_agg(DISTINCT c.track_id))
     FROM changed_rows c GROUP BY c.user_id ORDER BY c.user_id;
  RETURN NULL;
END $$;--> statement-breakpoint
-- One slice of an import's catch-up: plays of one person went in between p_from and p_to (instants)
-- without touching the rollups. Every local day those plays can touch (24 hours either side, as
-- earshot_stats_touch reckons) is recomputed from raw plays, from the first one on, as many days as
-- hold about p_plays plays (at least one day). Returns where the next slice starts (an instant, to
-- be passed as p_from), or NULL when the last day is done. Recomputing a day is absolute (its rows
-- from raw plays, the all-time rows moved by what the day held before and holds after), so a slice
-- run twice (a crash before its caller recorded the new start), a recorder's insert meanwhile, or a
-- zone change (a full rebuild) all leave rollups equal to raw plays; the days are reckoned in the
-- person's zone at the time of the slice.
CREATE OR REPLACE FUNCTION public.earshot_stats_catch_up(p_user uuid, p_from timestamptz, p_to timestamptz, p_plays int)
  RETURNS timestamptz LANGUAGE plpgsql SET jit = off AS $$
DECLARE
  tz text;
  first_day date;
  last_day date;
  slice_end date;
  slice_lo timestamptz;
  slice_hi timestamptz;
  recount text[];
  later text[];
  later_at timestamptz[];
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended('earshot_stats:' || p_user::text, 0));
  SELECT coalesce(u.time_zone, 'UTC') INTO tz FROM public.users u WHERE u.id = p_user;
  IF NOT FOUND THEN RETURN NULL; END IF;
  first_day := ((p_from - interval '24 hours') AT TIME ZONE tz)::date;
  last_day := ((p_to + interval '24 hours') AT TIME ZONE tz)::date;
  IF first_day > last_day THEN RETURN NULL; END IF;
  slice_lo := first_day::timestamp AT TIME ZONE tz;
  -- The slice ends on the local day of its p_plays-th play (the unique (user, played_at) index).
  SELECT (p.played_at AT TIME ZONE tz)::date INTO slice_end FROM public.plays p
   WHERE p.user_id = p_user AND p.played_at >= slice_lo
   ORDER BY p.played_at OFFSET greatest(p_plays, 1) LIMIT 1;
  slice_end := greatest(first_day, least(coalesce(slice_end, last_day), last_day));
  slice_hi := (slice_end + 1)::timestamp AT TIME ZONE tz;
  -- Only the tracks with plays on those days can have gained an earlier first or a later last play,
  -- and plays were only added (removals recompute their own tracks): a track the person had not
  -- played, or whose first play moves earlier, is refresh_days' to recompute (first and last play,
  -- and its artists' first plays); one whose last play only moves later just takes the slice's
  -- last. Most of a slice's tracks are of the second kind once the catch-up is under way (it goes
  -- forward in time), and refresh_days' work per track (two index probes, its artists' firsts, a
  -- check for emptied rows) was about a third of a slice on the embedded database.
  SELECT array_agg(s.track_id) FILTER (WHERE l.track_id IS NULL OR s.lo < l.first_played_at),
         array_agg(s.track_id) FILTER (WHERE l.track_id IS NOT NULL AND s.lo >= l.first_played_at AND s.hi > l.last_played_at),
         array_agg(s.hi) FILTER (WHERE l.track_id IS NOT NULL AND s.lo >= l.first_played_at AND s.hi > l.last_played_at)
    INTO recount, later, later_at
    FROM (SELECT p.track_id, min(p.played_at) AS lo, max(p.played_at) AS hi FROM public.plays p
           WHERE p.user_id = p_user AND p.played_at >= slice_lo AND p.played_at < slice_hi
           GROUP BY p.track_id) s
    LEFT JOIN public.listening_tracks l ON l.user_id = p_user AND l.track_id = s.track_id;
  PERFORM public.earshot_stats_refresh_days(p_user, tz,
    ARRAY(SELECT g::date FROM generate_series(first_day, slice_end, interval '1 day') AS g),
    coalesce(recount, '{}'));
  UPDATE public.listening_tracks l SET last_played_at = greatest(l.last_played_at, x.at)
    FROM unnest(later, later_at) AS x(track_id, at)
   WHERE l.user_id = p_user AND l.track_id = x.track_id;
  IF slice_end >= last_day THEN RETURN NULL; END IF;
  -- The next slice's first day is the day after this one's.
  RETURN slice_hi + interval '24 hours';
END $$;
--> statement-breakpoint
-- An artist's first play, as in 0005, with the person's track rows read by key, one probe per credited
-- track. Planned from stale statistics (an import grows the rollups faster than autovacuum looks at
-- them, and the embedded database has no autovacuum), the subquery hashed all of the person's
-- listening_tracks once per artist: auto_explain showed 15.6 s of a 16.3 s refresh (2,335 artists
-- times 15,560 track rows), growing with every chunk of an import: most of why the import's job took
-- 370 s on PostgreSQL and did not finish on the embedded database while the trigger ran per chunk
-- (a 50,000-row job with it: 65.2 s before this, 9.8 s after). OFFSET 0 keeps the probe.
CREATE OR REPLACE FUNCTION public.earshot_stats_artist_firsts(p_user uuid, p_artists text[])
  RETURNS void LANGUAGE plpgsql SET jit = off AS $$
BEGIN
  UPDATE public.listening_artists l
     SET first_played_at = (SELECT min(lt.first_played_at) FROM public.track_artists ta
                              CROSS JOIN LATERAL (
                                SELECT t.first_played_at FROM public.listening_tracks t
                                 WHERE t.user_id = p_user AND t.track_id = ta.track_id OFFSET 0) lt
                             WHERE ta.artist_id = l.artist_id)
   WHERE l.user_id = p_user AND (l.artist_id = ANY (p_artists) OR l.first_played_at = 'infinity');
END $$;
