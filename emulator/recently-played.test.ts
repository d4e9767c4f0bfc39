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
    for (const id of ["rory", "maya", "sam", "outsider"]) {
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
