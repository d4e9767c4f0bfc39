// Tests for GET /v1/me/player/recently-played: validation, cursors, the 50-play window and what enters history.

import { beforeEach, describe, expect, it } from "vitest";
import { START_MS, api, control, signIn, emulatorForTests, type Json, type Tokens } from "./test-support.ts";

const emu = emulatorForTests();
let rory: Tokens;

beforeEach(async () => {
  rory = await signIn(emu);
});

const recent = async (query = "") => {
  const res = await api(emu, `/v1/me/player/recently-played${query}`, rory.access_token);
  return { status: res.status, body: await res.json(), headers: res.headers };
};
const player = (body: unknown) => control(emu, "POST", "/listeners/rory/player", body);
const advance = (ms: number) => control(emu, "POST", "/clock", { advanceMs: ms });

describe("query validation", () => {
  it.each(["0", "51", "abc", "2.5", "-1", ""])("rejects limit=%s with a 400 error body", async (limit) => {
    const { status, body } = await recent(`?limit=${limit}`);
    expect(status).toBe(400);
    expect(body).toEqual({ error: { status: 400, message: expect.any(String) } });
  });

  it("rejects after and before together", async () => {
    const { status, body } = await recent(`?after=1&before=${START_MS}`);
    expect(status).toBe(400);
    expect(body.error.status).toBe(400);
  });
});

describe("paging", () => {
  it("starts every listener with more history than the 50 reachable plays", async () => {
    for (const id of ["rory", "maya", "sam", "flick", "outsider"]) {
      expect((await control(emu, "GET", `/listeners/${id}`)).playsRecorded).toBeGreaterThanOrEqual(60);
    }
  });

  it("returns 20 newest-first items by default with cursors, next and href", async () => {
    const { body, headers } = await recent();
    expect(headers.get("cache-control")).toBe("private, max-age=0");
    expect(Object.keys(body)).toEqual(["items", "next", "cursors", "limit", "href"]);
    expect(body.items).toHaveLength(20);
    expect(body.limit).toBe(20);
    expect(body.href).toBe(`${emu.url}/v1/me/player/recently-played`);
    const times = body.items.map((i: { played_at: string }) => Date.parse(i.played_at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(times[0]).toBeLessThanOrEqual(START_MS);
    for (const item of body.items) {
      expect(item.played_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(item.track.type).toBe("track");
      expect(item).toHaveProperty("context");
    }
    expect(body.cursors).toEqual({ after: String(times[0]), before: String(times[19]) });
    expect(body.next).toBe(`${emu.url}/v1/me/player/recently-played?before=${times[19]}&limit=20`);
  });

  it("reaches exactly the 50 most recent plays, then an empty page with next and cursors null", async () => {
    const seen: string[] = [];
    let next: string | null = `${emu.url}/v1/me/player/recently-played?limit=20`;
    let last: Json = null;
    for (let guard = 0; next && guard < 10; guard++) {
      last = await (await fetch(next, { headers: { authorization: `Bearer ${rory.access_token}` } })).json();
      seen.push(...last.items.map((i: { played_at: string }) => i.played_at));
      next = last.next;
    }
    expect(seen).toHaveLength(50);
    expect(new Set(seen).size).toBe(50);
    expect(last).toEqual({
      items: [],
      next: null,
      cursors: null,
      limit: 20,
      href: expect.stringContaining("before="),
    });
  });

  it("pages forward with after", async () => {
    const page1 = (await recent("?limit=10")).body;
    const page2 = (await recent(`?limit=10&before=${page1.cursors.before}`)).body;
    const back = (await recent(`?limit=5&after=${page2.cursors.after}`)).body;
    // The five plays just after the cursor are the oldest five of page 1.
    expect(back.items.map((i: { played_at: string }) => i.played_at)).toEqual(
      page1.items.slice(5).map((i: { played_at: string }) => i.played_at),
    );
    const none = (await recent(`?after=${page1.cursors.after}`)).body;
    expect(none).toMatchObject({ items: [], next: null, cursors: null });
  });

  it("slides the window as new plays arrive", async () => {
    const oldestBefore = (await recent("?limit=50")).body.cursors.before;
    const lib = (await control(emu, "GET", "/listeners/rory")).library;
    await player({ action: "play", uri: lib.tracks[0].uri });
    await advance(lib.tracks[0].durationMs + lib.tracks[1].durationMs + 1000);
    const after = (await recent("?limit=50")).body;
    expect(Number(after.cursors.before)).toBeGreaterThan(Number(oldestBefore));
    expect(after.items[0].track.uri).toBe(lib.tracks[1].uri);
    expect(after.items[1].track.uri).toBe(lib.tracks[0].uri);
    expect((await recent(`?before=${after.cursors.before}`)).body.items).toEqual([]);
  });
});

describe("what enters history", () => {
  it("records a skipped track only after 30 s of listening, stamped with the skip time", async () => {
    const lib = (await control(emu, "GET", "/listeners/rory")).library;
    await player({ action: "stop" });
    const before = (await recent("?limit=1")).body.items[0].played_at;
    await player({ action: "play", uri: lib.tracks[0].uri });
    await advance(29_000);
    await player({ action: "skip" });
    expect((await recent("?limit=1")).body.items[0].played_at).toBe(before);
    await advance(31_000);
    await player({ action: "skip" });
    const top = (await recent("?limit=1")).body.items[0];
    expect(top.track.uri).toBe(lib.tracks[1].uri);
    expect(top.played_at).toBe(new Date(START_MS + 60_000).toISOString());
  });

  it("never lists podcast episodes", async () => {
    const lib = (await control(emu, "GET", "/listeners/rory")).library;
    await player({ action: "play", uri: lib.episodes[0].uri });
    await advance(5 * 60_000);
    await player({ action: "stop" });
    const items = (await recent("?limit=50")).body.items;
    expect(items.every((i: { track: { type: string } }) => i.track.type === "track")).toBe(true);
    expect(items[0].played_at).not.toBe(new Date(START_MS + 5 * 60_000).toISOString());
  });

  it("breaks artist-context hrefs (they end in /null) and keeps the others intact", async () => {
    let contexts: { type: string; href: string }[] = [];
    for (const seed of [7, 8, 9, 10]) {
      await control(emu, "POST", "/reset", { seed });
      rory = await signIn(emu);
      contexts = (await recent("?limit=50")).body.items
        .map((i: { context: unknown }) => i.context)
        .filter(Boolean);
      if (contexts.some((c) => c.type === "artist")) break;
    }
    const artist = contexts.filter((c) => c.type === "artist");
    expect(artist.length).toBeGreaterThan(0);
    for (const c of artist) expect(c.href).toMatch(/\/v1\/artists\/null$/);
    for (const c of contexts.filter((c) => c.type !== "artist")) expect(c.href).not.toMatch(/\/null$/);
  });
});

interface HistoryEntry {
  uri: string;
  playedAt: number;
  loggedAt: number;
  durationMs: number;
}
const history = (id: string, since = 0) =>
  control<HistoryEntry[]>(emu, "GET", `/listeners/${id}/history?since=${since}`);
const playedAts = (body: Json): number[] =>
  body.items.map((i: { played_at: string }) => Date.parse(i.played_at));
const MINUTE = 60_000;

describe("late logging", () => {
  it("is on by default for autoplay: about 1 play in 12 is logged 1 to 8 minutes after it ended", async () => {
    expect((await control(emu, "GET", "/config")).lateLogging).toEqual({
      share: 1 / 12,
      minDelayMs: MINUTE,
      maxDelayMs: 8 * MINUTE,
      includeManual: false,
    });
    // The day before startup is settled (all logged by then); the next 12 h are not. Flick logs a
    // play every ~40 s: about a thousand of them, all logged 8 minutes after the last one ended.
    await advance(12 * 60 * MINUTE);
    const plays = (await history("flick", START_MS + 1)).filter(
      (p) => p.playedAt <= START_MS + (12 * 60 - 8) * MINUTE,
    );
    expect(plays.length).toBeGreaterThan(800);
    const delays = plays.map((p) => p.loggedAt - p.playedAt);
    const late = delays.filter((d) => d > 0);
    expect(late.length / plays.length).toBeGreaterThan(0.05);
    expect(late.length / plays.length).toBeLessThan(0.12);
    for (const d of late) {
      expect(d).toBeGreaterThanOrEqual(MINUTE);
      expect(d).toBeLessThanOrEqual(8 * MINUTE);
    }
    // Seeded: the same seed gives the same fates, relative to the start.
    await control(emu, "POST", "/reset", {});
    await advance(12 * 60 * MINUTE);
    const again = (await history("flick", START_MS + 1)).slice(0, plays.length);
    expect(again.map((p) => p.loggedAt - p.playedAt)).toEqual(delays);
  });

  it("starts settled: no play from before startup (or a reset) is logged after it", async () => {
    const ids = ["rory", "maya", "sam", "flick", "outsider"];
    // Several seeds: under some of them a play just before startup draws a late fate.
    for (const seed of [7, 8, 9]) {
      await control(emu, "POST", "/reset", { seed });
      const atStart = await Promise.all(ids.map((id) => history(id)));
      await advance(8 * MINUTE);
      const later = await Promise.all(ids.map((id) => history(id)));
      expect(later.map((plays) => plays.filter((p) => p.playedAt <= START_MS))).toEqual(atStart);
    }
  });

  it("shows a late play only once logged, at its played_at position, behind plays listed before it", async () => {
    const flick = await signIn(emu, { listener: "flick" });
    const recentOf = async (query: string) =>
      (await api(emu, `/v1/me/player/recently-played${query}`, flick.access_token)).json();
    // Every autoplay play 5 min late; plays made through the control API stay immediate.
    await control(emu, "POST", "/config", {
      lateLogging: { share: 1, minDelayMs: 5 * MINUTE, maxDelayMs: 5 * MINUTE },
    });
    await advance(20 * MINUTE);
    const autoplayEnd = START_MS + 20 * MINUTE;
    const atTakeover = await recentOf("?limit=50");
    expect(playedAts(atTakeover)[0]).toBeLessThanOrEqual(autoplayEnd - 5 * MINUTE);

    // An immediate play (manual), ending after the autoplay plays still waiting to be logged.
    const lib = (await control(emu, "GET", "/listeners/flick")).library;
    await control(emu, "POST", "/listeners/flick/player", { action: "play", uri: lib.tracks[0].uri });
    await advance(40_000);
    await control(emu, "POST", "/listeners/flick/player", { action: "stop" });
    const manualAt = autoplayEnd + 40_000;
    const before = await recentOf("?limit=50");
    expect(before.items[0].track.uri).toBe(lib.tracks[0].uri);
    expect(playedAts(before)[0]).toBe(manualAt);
    const loggedBefore = new Set(playedAts(before));

    await advance(5 * MINUTE);
    const all = await history("flick");
    const late = all.filter((p) => p.loggedAt > manualAt);
    expect(late.length).toBeGreaterThan(2);
    for (const p of late) {
      expect(p.loggedAt - p.playedAt).toBe(5 * MINUTE);
      expect(p.playedAt).toBeLessThanOrEqual(autoplayEnd);
      expect(loggedBefore.has(p.playedAt)).toBe(false);
    }

    const after = await recentOf("?limit=50");
    const times = playedAts(after);
    // Still newest first; the manual play stays on top, the late ones slot in behind it...
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(times[0]).toBe(manualAt);
    for (const p of late) expect(times).toContain(p.playedAt);
    // ...and the window is still the 50 most recent by played_at: the oldest ones fell out.
    const expected = [...loggedBefore, ...late.map((p) => p.playedAt)].sort((a, b) => b - a).slice(0, 50);
    expect(times).toEqual(expected);
    // A recorder polling after= its newest cursor never sees them: the cursor works on played_at.
    expect((await recentOf(`?after=${before.cursors.after}`)).items).toEqual([]);
  });

  it("logs manual plays late too with includeManual", async () => {
    await control(emu, "POST", "/config", {
      lateLogging: { share: 1, minDelayMs: 2 * MINUTE, maxDelayMs: 2 * MINUTE, includeManual: true },
    });
    const lib = (await control(emu, "GET", "/listeners/rory")).library;
    await player({ action: "play", uri: lib.tracks[0].uri });
    await advance(40_000);
    await player({ action: "stop" });
    expect((await recent("?limit=1")).body.items[0].track.uri).not.toBe(lib.tracks[0].uri);
    await advance(2 * MINUTE - 1);
    expect((await recent("?limit=1")).body.items[0].track.uri).not.toBe(lib.tracks[0].uri);
    await advance(1);
    const top = (await recent("?limit=1")).body.items[0];
    expect(top.track.uri).toBe(lib.tracks[0].uri);
    expect(top.played_at).toBe(new Date(START_MS + 40_000).toISOString());
  });

  it("share 0 switches it off, and plays still waiting are logged at once", async () => {
    await control(emu, "POST", "/config", {
      lateLogging: { share: 1, minDelayMs: 5 * MINUTE, maxDelayMs: 5 * MINUTE },
    });
    await advance(3 * MINUTE);
    const waiting = (await history("flick")).filter((p) => p.playedAt > START_MS);
    expect(waiting).toEqual([]);
    const config = await control(emu, "POST", "/config", { lateLogging: { share: 0 } });
    expect(config.lateLogging).toMatchObject({ share: 0, minDelayMs: 5 * MINUTE, maxDelayMs: 5 * MINUTE });
    const now = START_MS + 3 * MINUTE;
    const released = (await history("flick")).filter((p) => p.playedAt > START_MS);
    expect(released.length).toBeGreaterThan(2);
    for (const p of released) expect(p.loggedAt).toBe(now);
    await advance(10 * MINUTE);
    const fresh = (await history("flick")).filter((p) => p.playedAt > now);
    expect(fresh.length).toBeGreaterThan(10);
    for (const p of fresh) expect(p.loggedAt).toBe(p.playedAt);
  });
});

describe("a fast skipper (flick)", () => {
  it("overflows the 50-play window in under 40 minutes, so plays between two syncs are lost", async () => {
    // Late logging off, so that every play of the 40 minutes is in history when they are over.
    await control(emu, "POST", "/config", { lateLogging: { share: 0 } });
    const flick = await signIn(emu, { listener: "flick" });
    const recentOf = async (query: string) =>
      (await api(emu, `/v1/me/player/recently-played${query}`, flick.access_token)).json();
    const sync1 = await recentOf("?limit=50");
    await advance(40 * MINUTE);
    const played = await history("flick", START_MS + 1);
    expect(played.length).toBeGreaterThan(50);
    for (const p of played) expect(p.playedAt).toBeLessThanOrEqual(START_MS + 40 * MINUTE);
    // Each play is a skip after 31-45 s of listening (tracks are longer), all of them logged.
    const gaps = played.slice(1).map((p, i) => p.playedAt - (played[i]?.playedAt ?? 0));
    for (const gap of gaps) {
      expect(gap).toBeGreaterThanOrEqual(31_000);
      expect(gap).toBeLessThanOrEqual(45_000);
    }
    // The second sync: after= the first sync's cursor reaches only the newest 50 of them.
    const sync2 = await recentOf(`?after=${sync1.cursors.after}&limit=50`);
    const reached = new Set(playedAts(sync2));
    expect(reached.size).toBe(50);
    const lost = played.filter((p) => !reached.has(p.playedAt));
    expect(lost.length).toBe(played.length - 50);
    expect(lost[0]?.playedAt).toBe(played[0]?.playedAt);
    expect((await recentOf(`?before=${Math.min(...reached)}`)).items).toEqual([]);
  });
});
