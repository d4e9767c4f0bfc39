-- An upload's names are staged once per track, not once per play (issue 11: an export repeats a
-- favourite's names in hundreds of rows, and staging 250,000 wide rows was most of the preview).
CREATE TABLE "import_tracks" (
	"import_id" uuid NOT NULL,
	"track_id" text NOT NULL,
	"track_uri" text,
	"title" text NOT NULL,
	"artist_name" text,
	"album_name" text,
	CONSTRAINT "import_tracks_import_id_track_id_pk" PRIMARY KEY("import_id","track_id")
);
--> statement-breakpoint
ALTER TABLE "import_tracks" ADD CONSTRAINT "import_tracks_import_id_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."imports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Uploads staged or running when this runs keep their names: one row per track, from its first
-- play (as staging now keeps a track's first row).
INSERT INTO "import_tracks" ("import_id", "track_id", "track_uri", "title", "artist_name", "album_name")
SELECT DISTINCT ON ("import_id", "track_id") "import_id", "track_id", "track_uri", "title", "artist_name", "album_name"
  FROM "import_rows" ORDER BY "import_id", "track_id", "played_at";--> statement-breakpoint
ALTER TABLE "import_rows" DROP COLUMN "track_uri";--> statement-breakpoint
ALTER TABLE "import_rows" DROP COLUMN "title";--> statement-breakpoint
ALTER TABLE "import_rows" DROP COLUMN "artist_name";--> statement-breakpoint
ALTER TABLE "import_rows" DROP COLUMN "album_name";