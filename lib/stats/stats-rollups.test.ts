// The stats rollups on both stores: hand-computed figures (DST days in Berlin and New York, a play
// across midnight, a leap day, imports' own durations, two people), and rollups equal to figures
// computed from raw plays after recording, importing, undoing an import and changing the time zone.
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { plays, users } from "@/lib/db/schema";
import { STORE_KINDS } from "@/lib/db/test-databases";
import type { CatalogBatch } from "@/lib/history/catalog-rows";
import { storePlays } from "@/lib/history/store-plays";
import { storeForTests } from "@/lib/testing/store-for-tests";
import { rawFigures, rollupFigures } from "./raw-figures";
import { readStats } from "./stats-queries";

const MIN = 60_000;

type Play = { at: string; track: string; durationMs?: number; msPlayed?: number };

/** A batch of plays of tracks `t-<name>` (artist `a-<name>`, album `al-<name>`), each track's duration given. */
function batch(list: Play[]): CatalogBatch {
  const tracks = new Map(list.map((p) => [p.track, p.durationMs ?? 3 * MIN]));
  return {
    artists: [...tracks.keys()].map((t) => ({ id: `spotify:artist:${t}`, name: `Artist ${t}`, url: null })),
    albums: [...tracks.keys()].map((t) => ({
      id: `spotify:album:${t}`,
      name: `Album ${t}`,
      url: null,
      imageSmall: null,
      imageMedium: null,
      imageLarge: null,
    })),
    tracks: [...tracks].map(([t, durationMs]) => ({
      id: `spotify:track:${t}`,
      title: `Track ${t}`,
      albumId: `spotify:album:${t}`,
      durationMs,
      explicit: false,
      isLocal: false,
      url: null,
      artistIds: [`spotify:artist:${t}`],
    })),
    plays: list.map((p) => ({
      playedAt: new Date(p.at),
      trackId: `spotify:track:${p.track}`,
      contextType: null,
      contextUri: null,
      msPlayed: p.msPlayed ?? null,
    })),
  };
}

describe.each(STORE_KINDS)("stats rollups on the %s store", (kind) => {
  const store = storeForTests(kind);

  async function person(spotifyId: string, timeZone: string | null) {
    const [row] = await store()
      .db.insert(users)
      .values({ clientId: "earshot-demo", spotifyId, timeZone })
      .returning({ id: users.id });
    return row!.id;
  }

  async function record(userId: string, list: Play[], source: "recorded" | "imported" = "recorded") {
    await store().db.transaction((tx) =>
      storePlays(tx, userId, batch(list), { windowPage: false, newestBefore: null, source }),
    );
  }

  async function hours(userId: string) {
    return (await rollupFigures(store().db, userId)).hours;
  }

  async function days(userId: string) {
    return (await rollupFigures(store().db, userId)).days;
  }

  async function expectRollupsEqualRaw(userId: string) {
    const [raw, rollup] = await Promise.all([
      rawFigures(store().db, userId),
      rollupFigures(store().db, userId),
    ]);
    expect(rollup).toEqual(raw);
    return rollup;
  }

  it("Berlin, spring forward (31 Mar 2024): minutes on either side of the missing hour, the play in 03:00", async () => {
    const me = await person("berlin", "Europe/Berlin");
    // 10 minutes ending 01:05Z = 03:05 CEST; it began 00:55Z = 01:55 CET. 02:00–03:00 never happens.
    await record(me, [{ at: "2024-03-31T01:05:00Z", track: "a", durationMs: 10 * MIN }]);
    expect(await hours(me)).toEqual([
      { hour: "2024-03-31 01:00", plays: 0, ms: 5 * MIN },
      { hour: "2024-03-31 03:00", plays: 1, ms: 5 * MIN },
    ]);
  });

  it("Berlin, fall back (27 Oct 2024): both 02:00 hours are local hour 2, a 25-hour day", async () => {
    const me = await person("berlin", "Europe/Berlin");
    await record(me, [
      // 02:40 CEST (00:40Z) and 02:40 CET (01:40Z): 4 minutes each; one across the switch at 01:00Z.
      { at: "2024-10-27T00:40:00Z", track: "a", durationMs: 4 * MIN },
      { at: "2024-10-27T01:05:00Z", track: "b", durationMs: 10 * MIN }, // 02:55 CEST → 02:05 CET
      { at: "2024-10-27T01:40:00Z", track: "a", durationMs: 4 * MIN },
      { at: "2024-10-27T22:59:00Z", track: "a", durationMs: 4 * MIN }, // 23:59 CET: the day's last hour
    ]);
    expect(await hours(me)).toEqual([
      { hour: "2024-10-27 02:00", plays: 3, ms: 18 * MIN },
      { hour: "2024-10-27 23:00", plays: 1, ms: 4 * MIN },
    ]);
    expect(await days(me)).toEqual([{ day: "2024-10-27", plays: 4, ms: 22 * MIN }]);
  });

  it("New York, spring forward (10 Mar 2024) and fall back (3 Nov 2024)", async () => {
    const me = await person("ny", "America/New_York");
    await record(me, [
      // Ends 07:03Z = 03:03 EDT, began 06:58Z = 01:58 EST: 2 minutes in 01:00, 3 in 03:00.
      { at: "2024-03-10T07:03:00Z", track: "a", durationMs: 5 * MIN },
      // An hour ending 06:30Z = 01:30 EST, begun 05:30Z = 01:30 EDT: all of it in local hour 1.
      { at: "2024-11-03T06:30:00Z", track: "b", durationMs: 60 * MIN },
      // 00:59 EDT on 3 Nov, 2 minutes: 04:57Z–04:59Z.
      { at: "2024-11-03T04:59:00Z", track: "c", durationMs: 2 * MIN },
    ]);
    expect(await hours(me)).toEqual([
      { hour: "2024-03-10 01:00", plays: 0, ms: 2 * MIN },
      { hour: "2024-03-10 03:00", plays: 1, ms: 3 * MIN },
      { hour: "2024-11-03 00:00", plays: 1, ms: 2 * MIN },
      { hour: "2024-11-03 01:00", plays: 1, ms: 60 * MIN },
    ]);
  });

  it("a play across midnight puts its minutes in both days and counts in the day it ended", async () => {
    const me = await person("midnight", "Europe/Berlin");
    // Ends 00:02 CEST on 2 June (22:02Z), 5 minutes: 3 on 1 June, 2 on 2 June.
    await record(me, [{ at: "2024-06-01T22:02:00Z", track: "a", durationMs: 5 * MIN }]);
    expect(await days(me)).toEqual([
      { day: "2024-06-01", plays: 0, ms: 3 * MIN },
      { day: "2024-06-02", plays: 1, ms: 2 * MIN },
    ]);
    const tracks = (await rollupFigures(store().db, me)).dayTracks;
    expect(tracks.map((t) => [t.day, t.plays, t.ms])).toEqual([
      ["2024-06-01", 0, 3 * MIN],
      ["2024-06-02", 1, 2 * MIN],
    ]);
  });

  it("a leap day: caps at the previous play's end, days and a three-day streak across 29 February", async () => {
    const me = await person("leap", "UTC");
    await record(me, [
      { at: "2024-02-28T12:00:00Z", track: "a" }, // 3 minutes on 28 Feb
      { at: "2024-02-29T23:59:00Z", track: "a" }, // 23:56–23:59: 3 minutes on 29 Feb
      { at: "2024-03-01T00:01:00Z", track: "b" }, // began when the last ended, 23:59: 1 + 1 minutes
    ]);
    expect(await days(me)).toEqual([
      { day: "2024-02-28", plays: 1, ms: 3 * MIN },
      { day: "2024-02-29", plays: 1, ms: 4 * MIN },
      { day: "2024-03-01", plays: 1, ms: 1 * MIN },
    ]);
    const stats = await readStats(
      store().db,
      me,
      { range: "year", year: 2024 },
      Date.parse("2024-03-01T18:00:00Z"),
    );
    expect(stats.streaks.longest).toEqual({ days: 3, start: "2024-02-28", end: "2024-03-01" });
    expect(stats.streaks.current).toEqual({ days: 3, start: "2024-02-28", end: "2024-03-01" });
    expect(stats.totals).toEqual({ ms: 8 * MIN, plays: 3, tracks: 2, artists: 2, albums: 2 });
  });

  it("an import's ms_played is what counts; recorded plays are capped by the previous play's end", async () => {
    const me = await person("import", "UTC");
    await record(me, [{ at: "2024-05-01T10:00:00Z", track: "a", durationMs: 4 * MIN }]);
    await record(
      me,
      [
        { at: "2024-05-01T10:01:00Z", track: "b", durationMs: 4 * MIN, msPlayed: 30_000 },
        { at: "2024-05-01T10:05:00Z", track: "b", durationMs: 4 * MIN, msPlayed: 3 * MIN },
      ],
      "imported",
    );
    await record(me, [{ at: "2024-05-01T10:06:00Z", track: "a", durationMs: 4 * MIN }]);
    // a: 4 min (no play before) + 1 min (the import ended at 10:05) = 5; b: 0.5 + 3 = 3.5.
    const figures = await expectRollupsEqualRaw(me);
    expect(figures.tracks.map((t) => [t.track_id, t.plays, t.ms])).toEqual([
      ["spotify:track:a", 2, 5 * MIN],
      ["spotify:track:b", 2, 3.5 * MIN],
    ]);
  });

  it("two people's figures never mix, even with plays at the same instants", async () => {
    const ann = await person("ann", "Europe/Berlin");
    const bob = await person("bob", "America/New_York");
    const instants = ["2024-07-01T10:00:00Z", "2024-07-01T10:02:00Z", "2024-07-01T23:30:00Z"];
    await record(
      ann,
      instants.map((at) => ({ at, track: "a", durationMs: 4 * MIN })),
    );
    await record(
      bob,
      instants.slice(0, 1).map((at) => ({ at, track: "b", durationMs: 4 * MIN })),
    );
    const now = Date.parse("2024-07-02T12:00:00Z");
    const annStats = await readStats(store().db, ann, { range: "all" }, now);
    const bobStats = await readStats(store().db, bob, { range: "all" }, now);
    expect(annStats.totals).toEqual({ ms: 10 * MIN, plays: 3, tracks: 1, artists: 1, albums: 1 });
    expect(bobStats.totals).toEqual({ ms: 4 * MIN, plays: 1, tracks: 1, artists: 1, albums: 1 });
    expect(annStats.tops.tracks.byPlays.map((t) => t.id)).toEqual(["spotify:track:a"]);
    expect(bobStats.tops.artists.byPlays.map((t) => t.id)).toEqual(["spotify:artist:b"]);
    // Ann's 23:30Z play is 01:30 on 2 July in Berlin; Bob's day is New York's.
    expect(annStats.days.map((d) => d.day)).toEqual(["2024-07-01", "2024-07-02"]);
    expect(bobStats.days.map((d) => d.day)).toEqual(["2024-07-01"]);
    await expectRollupsEqualRaw(ann);
    await expectRollupsEqualRaw(bob);
  });

  it("rollups equal raw figures after recording, importing, undoing an import, a zone change and deletion", async () => {
    const me = await person("busy", "Europe/Berlin");
    const other = await person("other", "Asia/Kolkata"); // a half-hour offset
    // Deterministic pseudo-random listening over DST's end, with long tracks and short gaps.
    let seed = 7;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
    const makePlays = (start: number, count: number, imported: boolean): Play[] => {
      let at = start;
      return Array.from({ length: count }, () => {
        at += Math.floor(next() * 9 * MIN) + 1_000;
        const track = "t" + Math.floor(next() * 12);
        return {
          at: new Date(at).toISOString(),
          track,
          durationMs: (2 + (Number(track.slice(1)) % 5) * 3) * MIN,
          ...(imported ? { msPlayed: Math.floor(next() * 5 * MIN) } : {}),
        };
      });
    };
    const recorded = makePlays(Date.parse("2024-10-26T20:00:00Z"), 300, false);
    for (let i = 0; i < recorded.length; i += 50) await record(me, recorded.slice(i, i + 50));
    await record(other, makePlays(Date.parse("2024-10-26T20:00:00Z"), 120, false));
    await expectRollupsEqualRaw(me);

    // An import over the same days, interleaved with what was recorded (and a few collisions).
    const imported = makePlays(Date.parse("2024-10-26T18:00:00Z"), 250, true);
    await record(me, [...imported, { ...recorded[10]!, msPlayed: 1 }], "imported");
    await expectRollupsEqualRaw(me);

    // Undo the import: a DELETE of its plays.
    await store()
      .db.delete(plays)
      .where(sql`${plays.userId} = ${me} AND ${plays.source} = 'imported'`);
    const afterUndo = await expectRollupsEqualRaw(me);
    expect(afterUndo.tracks.reduce((n, t) => n + t.plays, 0)).toBe(300);

    // One play out of the middle, then one put back late (the recorder catching up).
    await store()
      .db.delete(plays)
      .where(sql`${plays.userId} = ${me} AND ${plays.playedAt} = ${recorded[100]!.at}`);
    await expectRollupsEqualRaw(me);
    await record(me, [recorded[100]!]);
    await expectRollupsEqualRaw(me);

    // A new zone rebuilds everything in it.
    await store().db.update(users).set({ timeZone: "America/New_York" }).where(eq(users.id, me));
    await expectRollupsEqualRaw(me);
    await expectRollupsEqualRaw(other);

    // Account deletion leaves nothing behind; the other person keeps everything.
    await store().db.delete(users).where(eq(users.id, me));
    const left = await store().db.execute<{ n: number }>(sql`
      SELECT ((SELECT count(*) FROM listening_hours WHERE user_id = ${me}) + (SELECT count(*) FROM listening_days WHERE user_id = ${me})
        + (SELECT count(*) FROM listening_day_tracks WHERE user_id = ${me})
        + (SELECT count(*) FROM listening_tracks WHERE user_id = ${me})
        + (SELECT count(*) FROM listening_day_artists WHERE user_id = ${me})
        + (SELECT count(*) FROM listening_day_albums WHERE user_id = ${me})
        + (SELECT count(*) FROM listening_artists WHERE user_id = ${me})
        + (SELECT count(*) FROM listening_albums WHERE user_id = ${me})
        + (SELECT count(*) FROM listening_week_hours WHERE user_id = ${me}))::int AS n`);
    expect(left.rows[0]!.n).toBe(0);
    await expectRollupsEqualRaw(other);
  });

  it("a track's artists and album changing after its plays were counted move its days to the new ones", async () => {
    const me = await person("credits", "Europe/Berlin");
    const other = await person("credits-other", "UTC");
    await record(me, [
      { at: "2024-04-01T10:00:00Z", track: "a" },
      { at: "2024-04-02T10:00:00Z", track: "a" },
      { at: "2024-04-02T11:00:00Z", track: "b" },
    ]);
    await record(other, [{ at: "2024-04-02T12:00:00Z", track: "a" }]);
    await expectRollupsEqualRaw(me);
    // Spotify now credits b's artist on a too, and moves a to b's album; the sync records one more play.
    const recredited = batch([{ at: "2024-04-03T10:00:00Z", track: "a" }]);
    recredited.tracks = recredited.tracks.map((track) => ({
      ...track,
      albumId: "spotify:album:b",
      artistIds: ["spotify:artist:a", "spotify:artist:b"],
    }));
    await store().db.transaction((tx) =>
      storePlays(tx, me, recredited, { windowPage: false, newestBefore: null, source: "recorded" }),
    );
    const figures = await expectRollupsEqualRaw(me);
    expect(figures.artists.map((a) => [a.artist_id, a.plays, a.first_played_at])).toEqual([
      ["spotify:artist:a", 3, "2024-04-01T10:00:00.000000"],
      ["spotify:artist:b", 4, "2024-04-01T10:00:00.000000"],
    ]);
    // Album a has no plays left: it is no row, and not counted.
    expect(figures.albums.map((a) => [a.album_id, a.plays])).toEqual([["spotify:album:b", 4]]);
    await expectRollupsEqualRaw(other);
    const stats = await readStats(store().db, me, { range: "all" }, Date.parse("2024-04-04T12:00:00Z"));
    expect(stats.totals).toEqual({ ms: 12 * MIN, plays: 4, tracks: 2, artists: 2, albums: 1 });
    expect(stats.tops.artists.byPlays.map((a) => [a.id, a.plays])).toEqual([
      ["spotify:artist:b", 4],
      ["spotify:artist:a", 3],
    ]);

    // The first credit changes hands (a link rewritten in place), the second goes, and a gets its own
    // album back: what a later catalog write can do.
    await store().db.execute(
      sql`UPDATE track_artists SET artist_id = 'spotify:artist:b' WHERE track_id = 'spotify:track:a' AND position = 0`,
    );
    await store().db.execute(
      sql`DELETE FROM track_artists WHERE track_id = 'spotify:track:a' AND position = 1`,
    );
    await store().db.execute(
      sql`UPDATE tracks SET album_id = 'spotify:album:a' WHERE id = 'spotify:track:a'`,
    );
    const after = await expectRollupsEqualRaw(me);
    expect(after.artists.map((a) => [a.artist_id, a.plays])).toEqual([["spotify:artist:b", 4]]);
    expect(after.albums.map((a) => [a.album_id, a.plays])).toEqual([
      ["spotify:album:a", 3],
      ["spotify:album:b", 1],
    ]);
    await expectRollupsEqualRaw(other);
  });

  it("all time's hour of week (its own rollup) equals the sum of the range's hours", async () => {
    const me = await person("week", "America/New_York");
    await record(me, [
      { at: "2024-03-10T07:03:00Z", track: "a", durationMs: 5 * MIN }, // Sunday 03:03 EDT: 2 min in 01:00, 3 in 03:00
      { at: "2024-03-11T13:30:00Z", track: "b", durationMs: 60 * MIN }, // Monday 09:30 EDT: 30 in 08:00, 30 in 09:00
      { at: "2024-03-18T13:10:00Z", track: "c", durationMs: 20 * MIN }, // a week later: 10 in 08:00, 10 in 09:00
    ]);
    const now = Date.parse("2024-03-20T12:00:00Z");
    const whole = await readStats(store().db, me, { range: "all" }, now);
    const custom = await readStats(
      store().db,
      me,
      { range: "custom", from: "2024-03-01", to: "2024-03-20" },
      now,
    );
    expect(whole.hourOfWeek).toEqual(custom.hourOfWeek);
    expect(whole.hourOfWeek[6]![1]).toBe(2 * MIN);
    expect(whole.hourOfWeek[6]![3]).toBe(3 * MIN);
    expect(whole.hourOfWeek[0]![8]).toBe(40 * MIN);
    expect(whole.hourOfWeek[0]![9]).toBe(40 * MIN);
    expect((await rollupFigures(store().db, me)).weekHours).toEqual([
      { dow: 0, hour: 8, plays: 0, ms: 40 * MIN },
      { dow: 0, hour: 9, plays: 2, ms: 40 * MIN },
      { dow: 6, hour: 1, plays: 0, ms: 2 * MIN },
      { dow: 6, hour: 3, plays: 1, ms: 3 * MIN },
    ]);
  });

  it("discoveries: first plays of tracks and artists per local month, an artist only once", async () => {
    const me = await person("discoveries", "Europe/Berlin");
    const plays = batch([
      { at: "2024-01-15T10:00:00Z", track: "a" },
      { at: "2024-02-10T10:00:00Z", track: "c" },
      { at: "2024-03-12T10:00:00Z", track: "d" }, // a new track of a's artist: no new artist
      { at: "2024-03-31T22:30:00Z", track: "b" }, // 00:30 on 1 April in Berlin
      { at: "2024-04-05T10:00:00Z", track: "a" }, // heard before: nothing new
    ]);
    plays.tracks = plays.tracks.map((track) =>
      track.id === "spotify:track:d" ? { ...track, artistIds: ["spotify:artist:a"] } : track,
    );
    plays.artists = plays.artists.filter((artist) => artist.id !== "spotify:artist:d");
    await store().db.transaction((tx) =>
      storePlays(tx, me, plays, { windowPage: false, newestBefore: null, source: "recorded" }),
    );
    await expectRollupsEqualRaw(me);
    const now = Date.parse("2024-04-10T12:00:00Z");
    const whole = await readStats(store().db, me, { range: "all" }, now);
    expect(whole.discoveries).toEqual([
      { month: "2024-01", tracks: 1, artists: 1 },
      { month: "2024-02", tracks: 1, artists: 1 },
      { month: "2024-03", tracks: 1, artists: 0 },
      { month: "2024-04", tracks: 1, artists: 1 },
    ]);
    // From March on, a's artist was discovered before the range; b's at the very start of April.
    const spring = await readStats(
      store().db,
      me,
      { range: "custom", from: "2024-03-01", to: "2024-04-10" },
      now,
    );
    expect(spring.discoveries).toEqual([
      { month: "2024-03", tracks: 1, artists: 0 },
      { month: "2024-04", tracks: 1, artists: 1 },
    ]);
    const april = await readStats(
      store().db,
      me,
      { range: "custom", from: "2024-04-01", to: "2024-04-10" },
      now,
    );
    expect(april.discoveries).toEqual([{ month: "2024-04", tracks: 1, artists: 1 }]);
    expect(april.tops.artists.byPlays.map((a) => [a.id, a.plays, a.firstPlayedAt])).toEqual([
      ["spotify:artist:a", 1, "2024-01-15T10:00:00.000Z"],
      ["spotify:artist:b", 1, "2024-03-31T22:30:00.000Z"],
    ]);
  });

  it("an unknown time zone is refused by the database too", async () => {
    const me = await person("zone", null);
    await expect(
      store().db.update(users).set({ timeZone: "Mars/Olympus_Mons" }).where(eq(users.id, me)),
    ).rejects.toThrow();
  });
});
