// Reading history from the store, on both stores: keyset paging without skips or repeats, search
// that ignores case and accents, filters, gaps where they fall, and one person never seeing another's.
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { users } from "@/lib/db/schema";
import { STORE_KINDS } from "@/lib/db/test-databases";
import { ApiError } from "@/lib/errors";
import { storeForTests } from "@/lib/testing/store-for-tests";
import type { HistoryPage } from "@/lib/listening";
import type { CatalogBatch } from "./catalog-rows";
import { getHistoryPage, type HistoryRequest } from "./history-service";
import { storePlays } from "./store-plays";

const T0 = Date.UTC(2024, 2, 1, 12);
const MINUTE = 60_000;

type Song = { key: string; title: string; artist: string; album: string };
const SONGS: Song[] = [
  { key: "halo", title: "Halo", artist: "Beyoncé", album: "I Am... Sasha Fierce" },
  { key: "formation", title: "Formation", artist: "Beyoncé", album: "Lemonade" },
  { key: "naive", title: "Naïve Melody", artist: "Talking Heads", album: "Speaking in Tongues" },
  { key: "percent", title: "100% Pure Love", artist: "Crystal Waters", album: "Storyteller" },
  { key: "sigur", title: "Hoppípolla", artist: "Sigur Rós", album: "Takk..." },
];

function batch(plays: { song: Song; at: number }[]): CatalogBatch {
  const songs = [...new Map(plays.map(({ song }) => [song.key, song])).values()];
  return {
    artists: [...new Set(songs.map((s) => s.artist))].map((name) => ({
      id: `spotify:artist:${name.replace(/\W/g, "")}`,
      name,
      url: null,
    })),
    albums: [...new Set(songs.map((s) => s.album))].map((name) => ({
      id: `spotify:album:${name.replace(/\W/g, "")}`,
      name,
      url: null,
      imageSmall: null,
      imageMedium: null,
      imageLarge: null,
    })),
    tracks: songs.map((s) => ({
      id: `spotify:track:${s.key}`,
      title: s.title,
      albumId: `spotify:album:${s.album.replace(/\W/g, "")}`,
      durationMs: 200_000,
      explicit: false,
      isLocal: false,
      url: null,
      artistIds: [`spotify:artist:${s.artist.replace(/\W/g, "")}`],
    })),
    plays: plays.map(({ song, at }) => ({
      playedAt: new Date(at),
      trackId: `spotify:track:${song.key}`,
      contextType: null,
      contextUri: null,
    })),
  };
}

describe.each(STORE_KINDS)("history on the %s store", (kind) => {
  const store = storeForTests(kind);

  async function person(spotifyId: string) {
    const [row] = await store()
      .db.insert(users)
      .values({ clientId: "earshot-demo", spotifyId })
      .returning({ id: users.id });
    return { userId: row!.id, recordingPaused: false };
  }

  /** `count` plays a minute apart, newest at T0, cycling through SONGS. */
  async function seed(userId: string, count: number, source: "recorded" | "imported" = "recorded") {
    const plays = Array.from({ length: count }, (_, i) => ({
      song: SONGS[i % SONGS.length]!,
      at: T0 - i * MINUTE,
    }));
    await store().db.transaction((tx) =>
      storePlays(tx, userId, batch(plays), { windowPage: false, newestBefore: null, source }),
    );
  }

  const page = (user: { userId: string; recordingPaused: boolean }, request: Partial<HistoryRequest>) =>
    getHistoryPage(user, { limit: 50, ...request }, store().db);

  async function readAll(
    user: { userId: string; recordingPaused: boolean },
    request: Partial<HistoryRequest>,
  ) {
    const pages: HistoryPage[] = [];
    let cursor: string | undefined;
    do {
      const next = await page(user, { ...request, cursor });
      pages.push(next);
      cursor = next.nextCursor ?? undefined;
    } while (cursor && pages.length < 1_000);
    return pages;
  }

  it("pages through everything newest first, each play once, by keyset", async () => {
    const ada = await person("ada");
    await seed(ada.userId, 123);
    const pages = await readAll(ada, { limit: 10 });
    expect(pages).toHaveLength(13);
    const times = pages.flatMap((p) => p.plays.map((play) => Date.parse(play.playedAt)));
    expect(times).toHaveLength(123);
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(new Set(times).size).toBe(123);
    expect(times[0]).toBe(T0);
    expect(pages.at(-1)!.nextCursor).toBeNull();
    const first = pages[0]!.plays[0]!;
    expect(first).toMatchObject({
      source: "recorded",
      artistKeys: ["spotify:artist:Beyonc"],
      albumKey: "spotify:album:IAmSashaFierce",
      track: {
        id: "halo",
        title: "Halo",
        artists: [{ name: "Beyoncé" }],
        album: { name: "I Am... Sasha Fierce" },
      },
    });
  });

  it("skips and repeats nothing when instants carry microseconds", async () => {
    const ada = await person("ada");
    await seed(ada.userId, 1);
    // Plays a few microseconds apart, around a page boundary.
    await store().db.execute(sql`
      insert into plays (user_id, played_at, track_id)
      select ${ada.userId}, timestamptz '2024-01-01 00:00:00.000100+00' + (n || ' microseconds')::interval, 'spotify:track:halo'
        from generate_series(1, 25) n`);
    const pages = await readAll(ada, { limit: 4 });
    const ids = pages.flatMap((p) => p.plays.map((play) => play.id));
    expect(ids).toHaveLength(26);
    expect(new Set(ids).size).toBe(26);
    // Newest first: the 25 close ones by descending microsecond, which is descending id here.
    expect(ids.slice(1)).toEqual([...ids.slice(1)].sort((a, b) => Number(b) - Number(a)));
  });

  it("finds plays by title, artist or album, whatever the case and accents, by parts of words", async () => {
    const ada = await person("ada");
    await seed(ada.userId, 50);
    const titles = async (q: string) =>
      [
        ...new Set((await readAll(ada, { q })).flatMap((p) => p.plays.map((play) => play.track.title))),
      ].sort();
    expect(await titles("beyonce")).toEqual(["Formation", "Halo"]);
    expect(await titles("BEYON")).toEqual(["Formation", "Halo"]);
    expect(await titles("naive melo")).toEqual(["Naïve Melody"]);
    expect(await titles("hoppipolla")).toEqual(["Hoppípolla"]);
    expect(await titles("ros takk")).toEqual(["Hoppípolla"]);
    expect(await titles("lemonade")).toEqual(["Formation"]);
    expect(await titles("formation halo")).toEqual([]);
    // LIKE's wildcards are plain characters here.
    expect(await titles("100%")).toEqual(["100% Pure Love"]);
    expect(await titles("%")).toEqual(["100% Pure Love"]);
    expect(await titles("_")).toEqual([]);
    expect((await readAll(ada, { q: "beyonce" })).flatMap((p) => p.plays)).toHaveLength(20);
  });

  it("filters by artist, album, source and date range, together with search", async () => {
    const ada = await person("ada");
    await seed(ada.userId, 50);
    const imported = [{ song: SONGS[2]!, at: T0 - 1_000 * MINUTE }];
    await store().db.transaction((tx) =>
      storePlays(tx, ada.userId, batch(imported), {
        windowPage: false,
        newestBefore: null,
        source: "imported",
      }),
    );
    const all = async (request: Partial<HistoryRequest>) =>
      (await readAll(ada, request)).flatMap((p) => p.plays);
    expect(await all({ artist: "spotify:artist:TalkingHeads" })).toHaveLength(11);
    expect(await all({ album: "spotify:album:Lemonade" })).toHaveLength(10);
    expect(await all({ source: "imported" })).toMatchObject([
      { source: "imported", track: { title: "Naïve Melody" } },
    ]);
    expect(await all({ source: "recorded" })).toHaveLength(50);
    const range = await all({ from: new Date(T0 - 9 * MINUTE), to: new Date(T0 - 4 * MINUTE) });
    expect(range.map((play) => Date.parse(play.playedAt))).toEqual(
      [4, 5, 6, 7, 8, 9].map((i) => T0 - i * MINUTE).slice(1),
    );
    expect(
      await all({ q: "beyonce", album: "spotify:album:Lemonade", from: new Date(T0 - 20 * MINUTE) }),
    ).toHaveLength(4);
    expect(await all({ artist: "spotify:artist:Nobody" })).toEqual([]);
  });

  it("puts each coverage gap on the page that holds its start, and only in unfiltered views", async () => {
    const ada = await person("ada");
    await seed(ada.userId, 30);
    const gap = { from: new Date(T0 - 20 * MINUTE), to: new Date(T0 - 19 * MINUTE + 30_000) };
    await store().db.execute(
      sql`insert into coverage_gaps (user_id, from_at, to_at) values (${ada.userId}, ${gap.from}, ${gap.to})`,
    );
    const pages = await readAll(ada, { limit: 7 });
    const holding = pages.filter((p) => p.gaps.length > 0);
    expect(holding).toHaveLength(1);
    expect(holding[0]!.gaps).toEqual([{ from: gap.from.toISOString(), to: gap.to.toISOString() }]);
    expect(holding[0]!.plays.map((play) => play.playedAt)).toContain(gap.from.toISOString());
    expect((await readAll(ada, { q: "halo" })).flatMap((p) => p.gaps)).toEqual([]);
    expect((await readAll(ada, { from: new Date(T0 - 25 * MINUTE) })).flatMap((p) => p.gaps)).toHaveLength(1);
  });

  it("never shows one person another's plays, and refuses another's or a tampered cursor", async () => {
    const ada = await person("ada");
    const bob = await person("bob");
    await seed(ada.userId, 60);
    await seed(bob.userId, 3, "imported");
    const bobs = (await readAll(bob, { limit: 2 })).flatMap((p) => p.plays);
    expect(bobs).toHaveLength(3);
    expect(bobs.every((play) => play.source === "imported")).toBe(true);
    expect((await readAll(bob, { q: "beyonce" })).flatMap((p) => p.plays)).toHaveLength(2);

    const adasCursor = (await page(ada, { limit: 5 })).nextCursor!;
    await expect(page(bob, { cursor: adasCursor })).rejects.toMatchObject({ code: "invalid_request" });
    const [version, body, tag] = adasCursor.split(".");
    const forged = Buffer.from(JSON.stringify({ t: "2030-01-01T00:00:00.000000Z", i: "1" })).toString(
      "base64url",
    );
    for (const bad of [`${version}.${forged}.${tag}`, `${version}.${body}`, "garbage", `${adasCursor}x`]) {
      const refusal = await page(ada, { cursor: bad }).catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(ApiError);
      expect(refusal).toMatchObject({ code: "invalid_request" });
    }
    expect((await page(ada, { cursor: adasCursor })).plays).toHaveLength(50);
  });
});
