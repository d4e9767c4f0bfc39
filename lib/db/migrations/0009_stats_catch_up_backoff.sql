-- A stats catch-up that keeps failing is retried later and later (lib/import/import-job.ts), not
-- every time its 30 s lease runs out.
ALTER TABLE "imports" ADD COLUMN "stats_failures" integer DEFAULT 0 NOT NULL;