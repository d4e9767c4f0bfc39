-- History search: pg_trgm and unaccent ship with PostgreSQL (contrib) and with PGlite; both are
-- "trusted" extensions, so the database owner may create them. earshot_fold is unaccent made
-- IMMUTABLE (with the dictionary and schema named, as PostgreSQL's docs advise), so that what it
-- folds can be stored and indexed.
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA public;--> statement-breakpoint
CREATE OR REPLACE FUNCTION public.earshot_fold(input text) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, input)) $$;--> statement-breakpoint
ALTER TABLE "tracks" ADD COLUMN "search_text" text;--> statement-breakpoint
UPDATE "tracks" AS t SET "search_text" = public.earshot_fold(concat_ws(' ', t."title",
  (SELECT string_agg(a."name", ' ' ORDER BY ta."position") FROM "track_artists" ta JOIN "artists" a ON a."id" = ta."artist_id" WHERE ta."track_id" = t."id"),
  (SELECT al."name" FROM "albums" al WHERE al."id" = t."album_id")));--> statement-breakpoint
CREATE INDEX "plays_user_track_played_idx" ON "plays" USING btree ("user_id","track_id","played_at");--> statement-breakpoint
CREATE INDEX "tracks_search_trgm_idx" ON "tracks" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "tracks_album_idx" ON "tracks" USING btree ("album_id");
