// The export on both stores: Spotify's Extended shape and CSV, and the round trip (export, delete
// all, import gives back the same plays).
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/connection";
import { users } from "@/lib/db/schema";
import { STORE_KINDS } from "@/lib/db/test-databases";
import { storePlays } from "@/lib/history/store-plays";
import { runImportJob } from "@/lib/import/import-job";
import { stageUpload, startImport } from "@/lib/import/import-store";
import { chunked, extendedRow, trackUri, zipOf } from "@/lib/import/test-exports";
import { storeForTests } from "@/lib/testing/store-for-tests";
import { CSV_HEADER, exportHistory } from "./history-export";

async function collect(pieces: AsyncGenerator<string>) {
  let text = "";
  for await (const piece of pieces) text += piece;
  return text;
}

async function playsOf(db: Database, userId: string) {
  const result = await db.execute<{ played_at: Date; track_id: string }>(
    sql`select played_at, track_id from plays where user_id = ${userId} order by played_at`,
  );
  return result.rows.map((row) => `${new Date(row.played_at).toISOString()} ${row.track_id}`);
}

async function importBytes(
  db: Database,
  user: { userId: string; spotifyId: string },
  bytes: Uint8Array | string,
  name: string,
) {
  const preview = await stageUpload(db, user, { fileName: name, body: chunked(bytes), maxBytes: 1e8 });
  await startImport(db, user, preview.id);
  await runImportJob(db, { importId: preview.id });
  return preview;
}

describe.each(STORE_KINDS)("the history export on the %s store", (kind) => {
  const store = storeForTests(kind);

  it("gives back the same plays after export, delete all, import", async () => {
    const { db } = store();
    const [row] = await db
      .insert(users)
      .values({ clientId: "demo", spotifyId: "rory" })
      .returning({ id: users.id });
    const user = { userId: row!.id, spotifyId: "rory" };
    // Recorded plays (millisecond instants), imported ones with and without URIs, non-ASCII names.
    await db.transaction((tx) =>
      storePlays(
        tx,
        user.userId,
        {
          artists: [{ id: "spotify:artist:a", name: 'Zoë, "the" Band', url: null }],
          albums: [
            {
              id: "spotify:album:b",
              name: "=SUM(1)",
              url: null,
              imageSmall: null,
              imageMedium: null,
              imageLarge: null,
            },
          ],
          tracks: [
            {
              id: trackUri(5),
              title: "Ça va",
              albumId: "spotify:album:b",
              durationMs: 201_000,
              explicit: false,
              isLocal: false,
              url: null,
              artistIds: ["spotify:artist:a"],
            },
          ],
          plays: [
            {
              playedAt: new Date("2025-01-01T10:00:00.123Z"),
              trackId: trackUri(5),
              contextType: null,
              contextUri: null,
            },
            {
              playedAt: new Date("2025-01-01T10:04:00.456Z"),
              trackId: trackUri(5),
              contextType: null,
              contextUri: null,
            },
          ],
        },
        { windowPage: false, newestBefore: null },
      ),
    );
    await importBytes(
      db,
      user,
      zipOf({
        "Streaming_History_Audio_2024.json": [
          extendedRow({ ts: "2024-02-01T08:00:00Z", spotify_track_uri: trackUri(1) }),
          extendedRow({
            ts: "2024-02-01T08:05:00Z",
            spotify_track_uri: trackUri(2),
            master_metadata_track_name: "東京",
          }),
        ],
        "StreamingHistory_music_0.json": [
          { endTime: "2023-03-26 01:30", artistName: "Nobody", trackName: "Only Here", msPlayed: 60_000 },
        ],
      }),
      "my_spotify_data.zip",
    );
    const before = await playsOf(db, user.userId);
    expect(before).toHaveLength(5);

    const json = await collect(exportHistory(db, user, "json"));
    const rows = JSON.parse(json) as Record<string, unknown>[];
    expect(rows).toHaveLength(5);
    expect(rows[4]).toMatchObject({
      ts: "2025-01-01T10:04:00.456Z",
      username: "rory",
      ms_played: 201_000,
      master_metadata_track_name: "Ça va",
      master_metadata_album_artist_name: 'Zoë, "the" Band',
      spotify_track_uri: trackUri(5),
      episode_name: null,
      reason_end: null,
    });
    const csv = await collect(exportHistory(db, user, "csv"));
    const lines = csv.trim().split("\n");
    expect(lines[0]).toBe(CSV_HEADER);
    expect(lines[5]).toBe(
      `2025-01-01T10:04:00.456Z,201000,Ça va,"Zoë, ""the"" Band","'=SUM(1)",${trackUri(5)},recorded`,
    );

    await db.execute(sql`delete from plays`);
    const preview = await importBytes(db, user, json, "earshot-history.json");
    expect(preview).toMatchObject({ plays: 5, toAdd: 5, usernameMismatch: null });
    expect(await playsOf(db, user.userId)).toEqual(before);
  });

  it("pages through a long history: every play once, in order, across page boundaries", async () => {
    const { db } = store();
    const [row] = await db
      .insert(users)
      .values({ clientId: "demo", spotifyId: "long" })
      .returning({ id: users.id });
    const user = { userId: row!.id, spotifyId: "long" };
    // Two full pages of 5,000 and one play more; instants with milliseconds, two tracks.
    const count = 10_001;
    await db.execute(
      sql`insert into tracks (id, title, duration_ms) values (${trackUri(1)}, 'One', 180000), (${trackUri(2)}, 'Two', 240000)`,
    );
    await db.execute(sql`insert into plays (user_id, played_at, track_id, source)
      select ${user.userId}::uuid, timestamptz '2024-01-01' + g * interval '3 minutes 0.007 seconds',
             case when g % 2 = 0 then ${trackUri(1)} else ${trackUri(2)} end, 'recorded'
        from generate_series(0, ${count - 1}::int) g`);
    const expected = (await playsOf(db, user.userId)).map((line) => line.split(" ")[0]);
    expect(expected).toHaveLength(count);

    const rows = JSON.parse(await collect(exportHistory(db, user, "json"))) as { ts: string }[];
    expect(rows.map((r) => r.ts)).toEqual(expected);
    const csv = (await collect(exportHistory(db, user, "csv"))).trim().split("\n").slice(1);
    expect(csv.map((line) => line.split(",")[0])).toEqual(expected);
    expect(csv[count - 1]).toBe(`${expected[count - 1]},180000,One,,,${trackUri(1)},recorded`);
  });

  it("exports an empty history as an empty array", async () => {
    const { db } = store();
    expect(
      await collect(
        exportHistory(db, { userId: "00000000-0000-0000-0000-000000000000", spotifyId: "x" }, "json"),
      ),
    ).toBe("[]\n");
  });
});
