// Tests for the /v1 player and profile endpoints: auth errors, allow-list, scopes, shapes and the playback clock.

import { beforeEach, describe, expect, it } from "vitest";
import { START_MS, api, control, signIn, emulatorForTests, type Tokens } from "./test-support.ts";

const emu = emulatorForTests();
let rory: Tokens;
let lib: {
  tracks: { id: string; uri: string; name: string; durationMs: number }[];
  episodes: { uri: string }[];
  localFiles: { uri: string; name: string; durationMs: number }[];
};

beforeEach(async () => {
  rory = await signIn(emu);
  lib = (await control(emu, "GET", "/listeners/rory")).library;
});

const player = (body: unknown, listener = "rory") =>
  control(emu, "POST", `/listeners/${listener}/player`, body);
const advance = (ms: number) => control(emu, "POST", "/clock", { advanceMs: ms });
const nowPlaying = async (query = "") => {
  const res = await api(emu, `/v1/me/player/currently-playing${query}`, rory.access_token);
  return { status: res.status, body: res.status === 200 ? await res.json() : await res.text() };
};

describe("bearer authentication", () => {
  it.each([
    [null, 401, "No token provided"],
    ["Basic abc", 400, "Only valid bearer authentication supported"],
    ["Bearer BQnot-a-real-token", 401, "Invalid access token"],
  ])("Authorization %s gives %i %s", async (header, status, message) => {
    const res = await fetch(`${emu.url}/v1/me`, {
      headers: header === null ? {} : { authorization: header },
    });
    expect(res.status).toBe(status);
    expect(await res.json()).toEqual({ error: { status, message } });
    expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
  });

  it("expires access tokens after their lifetime on the emulator clock", async () => {
    await advance(3599_000);
    expect((await api(emu, "/v1/me", rory.access_token)).status).toBe(200);
    await advance(1000);
    const res = await api(emu, "/v1/me", rory.access_token);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: { status: 401, message: "The access token expired" } });
  });
});

describe("authorization of calls", () => {
  it("answers 403 Insufficient client scope when a scope is missing", async () => {
    const narrow = await signIn(emu, { scopes: ["user-read-private"] });
    for (const path of [
      "/v1/me/player/currently-playing",
      "/v1/me/player",
      "/v1/me/player/recently-played",
    ]) {
      const res = await api(emu, path, narrow.access_token);
      expect(res.status).toBe(403);
      expect(await res.json()).toEqual({ error: { status: 403, message: "Insufficient client scope" } });
    }
    expect((await api(emu, "/v1/me", narrow.access_token)).status).toBe(200);
  });

  it("lets a listener outside the allow-list sign in, then answers 403 to every call", async () => {
    const outsider = await signIn(emu, { listener: "outsider" });
    for (const path of ["/v1/me", "/v1/me/player/currently-playing", "/v1/me/player/recently-played"]) {
      const res = await api(emu, path, outsider.access_token);
      expect(res.status).toBe(403);
      expect(await res.json()).toEqual({
        error: {
          status: 403,
          message:
            "The user is not registered for this application. Please check your settings on https://developer.spotify.com/dashboard.",
        },
      });
    }
  });

  it("answers 404 Service not found to unknown paths and 405 to wrong methods", async () => {
    const res = await api(emu, "/v1/me/nothing-here", rory.access_token);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { status: 404, message: "Service not found" } });
    const post = await fetch(`${emu.url}/v1/me`, {
      method: "POST",
      headers: { authorization: `Bearer ${rory.access_token}` },
    });
    expect(post.status).toBe(405);
  });
});

describe("GET /v1/me", () => {
  it("has the Development Mode shape and the Web API headers", async () => {
    const res = await api(emu, "/v1/me", rory.access_token);
    expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("private, max-age=0");
    const me = await res.json();
    expect(Object.keys(me).sort()).toEqual([
      "account_id",
      "display_name",
      "external_urls",
      "href",
      "id",
      "images",
      "type",
      "uri",
    ]);
    expect(me).toMatchObject({
      id: "rory",
      display_name: "Rory",
      type: "user",
      uri: "spotify:user:rory",
      href: `${emu.url}/v1/users/rory`,
    });
    expect(me.images[0]).toEqual({ url: `${emu.url}/images/user-rory/300`, height: 300, width: 300 });
    const avatar = await fetch(me.images[0].url);
    expect(avatar.headers.get("content-type")).toBe("image/svg+xml");
    expect(await avatar.text()).toContain("<svg");
  });

  it("gives Maya no images", async () => {
    const maya = await signIn(emu, { listener: "maya" });
    const me = await (await api(emu, "/v1/me", maya.access_token)).json();
    expect(me.display_name).toBe("Maya Chen");
    expect(me.images).toEqual([]);
  });
});

describe("currently-playing and /me/player", () => {
  it("has Rory playing a track at startup", async () => {
    const { status, body } = await nowPlaying();
    expect(status).toBe(200);
    expect(body.is_playing).toBe(true);
    expect(body.currently_playing_type).toBe("track");
    expect(body.timestamp).toBeLessThanOrEqual(START_MS);
  });

  it("returns 204 with an empty body when stopped, on both endpoints", async () => {
    await player({ action: "stop" });
    const cp = await api(emu, "/v1/me/player/currently-playing", rory.access_token);
    expect(cp.status).toBe(204);
    expect(await cp.text()).toBe("");
    expect((await api(emu, "/v1/me/player", rory.access_token)).status).toBe(204);
  });

  it("serves a full track object", async () => {
    const track = lib.tracks[0]!;
    await player({ action: "play", uri: track.uri });
    const { body } = await nowPlaying("?market=from_token");
    expect(Object.keys(body)).toEqual([
      "timestamp",
      "context",
      "progress_ms",
      "item",
      "currently_playing_type",
      "actions",
      "is_playing",
    ]);
    const item = body.item;
    expect(item).toMatchObject({
      id: track.id,
      uri: track.uri,
      name: track.name,
      duration_ms: track.durationMs,
      type: "track",
      is_local: false,
      preview_url: null,
    });
    expect(item.href).toBe(`${emu.url}/v1/tracks/${track.id}`);
    expect(item.external_urls.spotify).toBe(`https://open.spotify.com/track/${track.id}`);
    expect(item.external_ids.isrc).toMatch(/^[A-Z]{2}[A-Z0-9]{3}\d{7}$/);
    for (const key of ["disc_number", "track_number", "popularity", "explicit", "artists"])
      expect(item).toHaveProperty(key);
    expect(item.album.images.map((i: { height: number }) => i.height)).toEqual([640, 300, 64]);
    expect(item.album.images[0].url).toBe(`${emu.url}/images/${item.album.id}/640`);
    const cover = await fetch(item.album.images[2].url);
    expect(cover.status).toBe(200);
    expect(cover.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(body.context).toEqual({
      type: "album",
      uri: `spotify:album:${item.album.id}`,
      href: `${emu.url}/v1/albums/${item.album.id}`,
      external_urls: { spotify: `https://open.spotify.com/album/${item.album.id}` },
    });
  });

  it("has a library with featured artists, explicit tracks and varied lengths", async () => {
    const res = await api(emu, "/v1/me/player/recently-played?limit=50", rory.access_token);
    const items = (await res.json()).items as { track: { artists: unknown[]; explicit: boolean } }[];
    expect(lib.tracks.length).toBeGreaterThanOrEqual(24);
    const lengths = lib.tracks.map((t) => t.durationMs);
    expect(Math.min(...lengths)).toBeLessThan(180_000);
    expect(Math.max(...lengths)).toBeGreaterThan(300_000);
    expect(items.some((i) => i.track.artists.length > 1)).toBe(true);
    expect(items.some((i) => i.track.explicit)).toBe(true);
  });

  it("serves the local-file shape", async () => {
    const local = lib.localFiles[0]!;
    await player({ action: "play", uri: local.uri });
    const { body } = await nowPlaying();
    expect(local.uri).toMatch(/^spotify:local:[^:]+:[^:]+:[^:]+:\d+$/);
    expect(body.currently_playing_type).toBe("track");
    expect(body.item).toMatchObject({
      is_local: true,
      id: null,
      href: null,
      uri: local.uri,
      name: local.name,
      external_urls: {},
    });
    expect(body.item.album).toMatchObject({ id: null, images: [] });
    expect(body.item.artists[0].id).toBeNull();
  });

  it("gives item null for ads (no progress either) and for unknown", async () => {
    await player({ action: "ad", durationMs: 20_000 });
    let { body } = await nowPlaying("?additional_types=track,episode");
    expect(body).toMatchObject({
      currently_playing_type: "ad",
      item: null,
      progress_ms: null,
      is_playing: true,
    });
    await player({ action: "unknown" });
    ({ body } = await nowPlaying("?additional_types=track,episode"));
    expect(body).toMatchObject({ currently_playing_type: "unknown", item: null });
  });

  it("plays the next library track after an ad", async () => {
    await player({ action: "play", uri: lib.tracks[2]!.uri });
    await player({ action: "ad", durationMs: 15_000 });
    await advance(15_000);
    const state = await control(emu, "GET", "/listeners/rory");
    expect(state.item.uri).toBe(lib.tracks[3]!.uri);
  });

  it("hides episodes unless additional_types includes episode", async () => {
    await player({ action: "play", uri: lib.episodes[0]!.uri, positionMs: 60_000 });
    const hidden = await nowPlaying();
    expect(hidden.body).toMatchObject({ currently_playing_type: "episode", item: null, progress_ms: 60_000 });
    const shown = await nowPlaying("?additional_types=track,episode");
    expect(shown.body.item).toMatchObject({ type: "episode", uri: lib.episodes[0]!.uri });
    for (const key of [
      "name",
      "description",
      "duration_ms",
      "images",
      "release_date",
      "external_urls",
      "resume_point",
    ]) {
      expect(shown.body.item).toHaveProperty(key);
    }
    expect(shown.body.item.show).toMatchObject({
      type: "show",
      name: expect.any(String),
      publisher: expect.any(String),
    });
    expect(shown.body.item.show.images).toHaveLength(3);
  });

  it("sends episode objects with the fields Spotify sends", async () => {
    await player({ action: "play", uri: lib.episodes[1]!.uri });
    const { item } = (await nowPlaying("?additional_types=episode")).body;
    expect(item).toMatchObject({
      type: "episode",
      description: expect.stringMatching(/\S/),
      html_description: `<p>${item.description}</p>`,
      is_externally_hosted: false,
      languages: ["en"],
      release_date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      release_date_precision: "day",
      audio_preview_url: null,
    });
    expect(item.images.map((i: { width: number }) => i.width)).toEqual([640, 300, 64]);
    for (const image of item.images) {
      expect(image).toEqual({
        url: expect.stringMatching(/^http/),
        width: expect.any(Number),
        height: image.width,
      });
    }
  });

  it("reports timestamp as the last state change, not the fetch time, while progress follows the clock", async () => {
    await advance(1_000);
    await player({ action: "play", uri: lib.tracks[0]!.uri });
    const playedAt = START_MS + 1_000;
    await advance(7_000);
    let { body } = await nowPlaying();
    expect(body).toMatchObject({
      timestamp: playedAt,
      progress_ms: 7_000,
      is_playing: true,
      actions: { disallows: { resuming: true } },
    });
    expect(body.actions.disallows).not.toHaveProperty("pausing");

    await player({ action: "pause" });
    await advance(5_000);
    ({ body } = await nowPlaying());
    expect(body).toMatchObject({
      timestamp: playedAt + 7_000,
      progress_ms: 7_000,
      is_playing: false,
      actions: { disallows: { pausing: true } },
    });

    await player({ action: "resume" });
    await advance(1_000);
    await player({ action: "seek", positionMs: 30_000 });
    await advance(2_000);
    ({ body } = await nowPlaying());
    expect(body).toMatchObject({ timestamp: playedAt + 13_000, progress_ms: 32_000, is_playing: true });
  });

  it("moves to the next track when one ends and records the finished play", async () => {
    const [first, second] = [lib.tracks[0]!, lib.tracks[1]!];
    await player({ action: "play", uri: first.uri });
    await advance(first.durationMs + 4_000);
    const { body } = await nowPlaying();
    expect(body).toMatchObject({
      item: { uri: second.uri },
      progress_ms: 4_000,
      timestamp: START_MS + first.durationMs,
    });
    const recent = await (await api(emu, "/v1/me/player/recently-played?limit=1", rory.access_token)).json();
    expect(recent.items[0].track.uri).toBe(first.uri);
    expect(recent.items[0].played_at).toBe(new Date(START_MS + first.durationMs).toISOString());
  });

  it("stops after the item when asked to (then: stop)", async () => {
    await player({
      action: "play",
      uri: lib.tracks[0]!.uri,
      positionMs: lib.tracks[0]!.durationMs - 40_000,
      then: "stop",
    });
    await advance(40_000);
    expect((await nowPlaying()).status).toBe(204);
    const state = await control(emu, "GET", "/listeners/rory");
    expect(state).toMatchObject({ state: "stopped", kind: null, item: null });
  });

  it("adds device, shuffle and repeat on /me/player", async () => {
    const res = await api(emu, "/v1/me/player", rory.access_token);
    const body = await res.json();
    expect(body.device).toEqual({
      id: expect.any(String),
      is_active: true,
      is_private_session: false,
      is_restricted: false,
      name: "Rory's MacBook Pro",
      type: "Computer",
      volume_percent: 64,
      supports_volume: true,
    });
    expect(body.shuffle_state).toBe(false);
    expect(body.repeat_state).toBe("off");
    expect(body).toHaveProperty("timestamp");
    expect(body).toHaveProperty("is_playing");
  });

  it("gives Sam (free tier) ad breaks in the autoplay schedule", async () => {
    const sam = await signIn(emu, { listener: "sam" });
    const kinds = new Set<string>();
    for (let i = 0; i < 300 && !kinds.has("ad"); i++) {
      await advance(60_000);
      const res = await api(emu, "/v1/me/player/currently-playing", sam.access_token);
      if (res.status === 200) kinds.add((await res.json()).currently_playing_type);
      else kinds.add(String(res.status));
    }
    expect(kinds.has("ad")).toBe(true);
  });
});
