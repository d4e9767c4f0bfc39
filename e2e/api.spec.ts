// The route handlers against the emulator, one Spotify fault at a time. Requests go through the
// signed-in browser context (page.request shares its cookies), with the dashboard closed so that
// its polling does not add upstream calls to the counts.
import type { Page } from "@playwright/test";
import { callsTo, emulator, expect, parkOnQuietPage, signIn, store, test } from "./fixtures/test";

const NOW = "/api/spotify/currently-playing";
const UPSTREAM_NOW = "/v1/me/player/currently-playing";

async function signedIn(page: Page, listener = "rory") {
  await signIn(page, listener);
  await parkOnQuietPage(page);
}

async function get(page: Page, path: string) {
  const response = await page.request.get(path);
  const body = await response.json();
  return { status: response.status(), headers: response.headers(), body };
}

test.describe("GET /api/spotify/currently-playing", () => {
  test("answers the app's own type for a playing track, with no Spotify payload in it", async ({ page }) => {
    await signedIn(page);
    const listener = await emulator.player("rory", { action: "play", uri: undefined, positionMs: 30_000 });
    const { status, headers, body } = await get(page, NOW);
    expect(status).toBe(200);
    expect(headers["cache-control"]).toBe("private, no-store");
    expect(body).toMatchObject({
      state: "playing",
      kind: "track",
      item: { kind: "track", title: listener.item!.name },
    });
    expect(body.progressMs).toBeGreaterThanOrEqual(30_000);
    expect(body.progressMs).toBeLessThan(40_000);
    expect(typeof body.readAt).toBe("number");
    expect(typeof body.changedAt).toBe("number");
    for (const spotifyField of [
      "is_playing",
      "progress_ms",
      "currently_playing_type",
      "actions",
      "timestamp",
    ]) {
      expect(body).not.toHaveProperty(spotifyField);
    }
    expect(body.item).not.toHaveProperty("album.images");
  });

  test("asks Spotify for episodes too, so a podcast shows as one", async ({ page }) => {
    await signedIn(page);
    const { library } = await emulator.listener("rory");
    await emulator.player("rory", { action: "play", uri: library.episodes[0]!.uri });
    const { body } = await get(page, NOW);
    expect(body).toMatchObject({
      state: "playing",
      kind: "episode",
      item: { kind: "episode", title: library.episodes[0]!.name },
    });
  });

  test("is idle when Spotify answers 204", async ({ page }) => {
    await signedIn(page);
    await emulator.player("rory", { action: "stop" });
    const { status, body } = await get(page, NOW);
    expect(status).toBe(200);
    expect(body).toEqual({ state: "idle", readAt: expect.any(Number) });
  });

  test("a 401 from Spotify costs one refresh and one retry", async ({ page }) => {
    await signedIn(page);
    await emulator.resetCounters();
    await emulator.fault({
      path: UPSTREAM_NOW,
      count: 1,
      fault: { status: 401, body: { error: { status: 401, message: "The access token expired" } } },
    });
    const { status } = await get(page, NOW);
    expect(status).toBe(200);
    const counters = await emulator.counters();
    expect(counters.refreshGrants).toBe(1);
    expect(callsTo(counters, UPSTREAM_NOW)).toBe(2);
  });

  test("a listener missing from a Development Mode app's allow-list gets a 403 that explains it", async ({
    page,
  }) => {
    await signedIn(page, "outsider");
    const { status, body } = await get(page, NOW);
    expect(status).toBe(403);
    expect(body.error.code).toBe("spotify_forbidden");
    expect(body.error.message).toMatch(/allow-list/);
  });

  test("a 429 closes the gate until Retry-After, with no upstream call meanwhile", async ({ page }) => {
    await signedIn(page);
    await emulator.fault({
      path: UPSTREAM_NOW,
      count: 1,
      fault: {
        status: 429,
        headers: { "Retry-After": "3" },
        body: { error: { status: 429, message: "API rate limit exceeded" } },
      },
    });
    const first = await get(page, NOW);
    expect(first.status).toBe(429);
    expect(first.body.error.code).toBe("rate_limited");
    expect(first.headers["retry-after"]).toBe("3");
    const upstreamAfterFirst = (await emulator.counters()).requests;

    // Meanwhile: answered at once, for every route and every person, without asking Spotify.
    // (A query the dashboard did not just make: a shared answer from the last second is no call at all.)
    const during = await get(page, "/api/spotify/recently-played?limit=7");
    expect(during.status).toBe(429);
    expect(Number(during.headers["retry-after"])).toBeGreaterThanOrEqual(1);
    expect(Number(during.headers["retry-after"])).toBeLessThanOrEqual(3);
    expect((await emulator.counters()).requests).toEqual(upstreamAfterFirst);

    await page.waitForTimeout(3_100);
    expect((await get(page, NOW)).status).toBe(200);
  });

  test("a Development Mode quota overrun (QUOTA_EXCEEDED) is a 429 that says so", async ({ page }) => {
    await signedIn(page);
    await emulator.configure({ rateLimit: { budget: 0, retryAfterSec: 2, quotaExceeded: true } });
    const { status, headers, body } = await get(page, NOW);
    expect(status).toBe(429);
    expect(headers["retry-after"]).toBe("2");
    expect(body.error).toMatchObject({ code: "rate_limited", retryAfterSeconds: 2 });
    expect(body.error.message).toMatch(/quota/i);
    await emulator.configure({ rateLimit: null });
    await page.waitForTimeout(2_100);
  });

  for (const status of [500, 502, 503]) {
    test(`a single ${status} is retried once and the caller never sees it`, async ({ page }) => {
      await signedIn(page);
      await emulator.resetCounters();
      await emulator.fault({
        path: UPSTREAM_NOW,
        count: 1,
        fault: { status, body: { error: { status, message: "Backend respond with 500" } } },
      });
      const response = await get(page, NOW);
      expect(response.status).toBe(200);
      expect(callsTo(await emulator.counters(), UPSTREAM_NOW)).toBe(2);
    });
  }

  test("a lasting 5xx becomes a 502 upstream_error after one retry", async ({ page }) => {
    await signedIn(page);
    await emulator.resetCounters();
    await emulator.fault({
      path: UPSTREAM_NOW,
      count: 5,
      fault: { status: 503, body: "Service Unavailable" },
    });
    const { status, body } = await get(page, NOW);
    expect(status).toBe(502);
    expect(body.error.code).toBe("upstream_error");
    expect(callsTo(await emulator.counters(), UPSTREAM_NOW)).toBe(2);
  });

  test("Spotify hanging past the timeout is a 504", async ({ page }) => {
    await signedIn(page);
    await emulator.fault({ path: UPSTREAM_NOW, count: 1, fault: { kind: "delay", ms: 30_000 } });
    const started = Date.now();
    const { status, body } = await get(page, NOW);
    expect(status).toBe(504);
    expect(body.error.code).toBe("upstream_timeout");
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  test("malformed JSON from Spotify is a 502, not a crash", async ({ page }) => {
    await signedIn(page);
    await emulator.fault({ path: UPSTREAM_NOW, count: 1, fault: { kind: "malformed" } });
    const { status, body } = await get(page, NOW);
    expect(status).toBe(502);
    expect(body.error.code).toBe("upstream_error");
    expect((await get(page, NOW)).status).toBe(200);
  });

  test("a reset connection is retried once, and a second one is a 502", async ({ page }) => {
    await signedIn(page);
    await emulator.fault({ path: UPSTREAM_NOW, count: 1, fault: { kind: "reset" } });
    expect((await get(page, NOW)).status).toBe(200);
    await page.waitForTimeout(1_100); // past the sharing window
    await emulator.fault({ path: UPSTREAM_NOW, count: 2, fault: { kind: "reset" } });
    const { status, body } = await get(page, NOW);
    expect(status).toBe(502);
    expect(body.error.code).toBe("upstream_error");
  });

  test("requests of one person at the same moment share one upstream call", async ({ page }) => {
    await signedIn(page);
    await emulator.resetCounters();
    const statuses = await page.evaluate(
      (path) => Promise.all(Array.from({ length: 5 }, () => fetch(path).then((r) => r.status))),
      NOW,
    );
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    expect(callsTo(await emulator.counters(), UPSTREAM_NOW)).toBe(1);
  });
});

test.describe("GET /api/spotify/recently-played", () => {
  test("pages back through Spotify's 50-play window and stops at its end", async ({ page }) => {
    await signedIn(page);
    const titles: string[] = [];
    let before: string | null = null;
    let pages = 0;
    do {
      const { status, body } = await get(
        page,
        `/api/spotify/recently-played?limit=20${before ? `&before=${before}` : ""}`,
      );
      expect(status).toBe(200);
      const times = body.plays.map((p: { playedAt: string }) => Date.parse(p.playedAt));
      expect(times).toEqual([...times].sort((a, b) => b - a));
      titles.push(...body.plays.map((p: { track: { title: string } }) => p.track.title));
      before = body.nextBefore;
      pages++;
    } while (before && pages < 10);
    expect(before).toBeNull();
    expect(titles.length).toBe(50);
    expect(pages).toBe(3);
  });

  test("a page past Spotify's window comes from the store, without a Spotify call", async ({ page }) => {
    await signedIn(page);
    const { body: window } = await get(page, "/api/spotify/recently-played?limit=50");
    const oldest = Date.parse(window.plays.at(-1).playedAt);
    await store.seedPlays(
      await store.userId("rory"),
      [{ key: "old", title: "Kept Long Ago", artist: "Old Band", album: "Old" }],
      {
        count: 10,
        newest: oldest - 3_600_000,
        spacingMs: 60_000,
      },
    );
    const upstream = "/v1/me/player/recently-played";
    const before = callsTo(await emulator.counters(), upstream);
    const { status, body } = await get(page, `/api/spotify/recently-played?limit=20&before=${oldest}`);
    expect(status).toBe(200);
    expect(body.plays.map((p: { track: { title: string } }) => p.track.title)).toEqual(
      Array(10).fill("Kept Long Ago"),
    );
    expect(body.plays[0]).toEqual({
      playedAt: new Date(oldest - 3_600_000).toISOString(),
      track: expect.objectContaining({ title: "Kept Long Ago", artists: [{ name: "Old Band", url: null }] }),
      context: null,
    });
    expect(body.nextBefore).toBeNull();
    expect(callsTo(await emulator.counters(), upstream)).toBe(before);
  });

  test("after= returns only newer plays", async ({ page }) => {
    await signedIn(page);
    const { body } = await get(page, "/api/spotify/recently-played?limit=5");
    const newest = Date.parse(body.plays[0].playedAt);
    const { status, body: newer } = await get(page, `/api/spotify/recently-played?after=${newest}`);
    expect(status).toBe(200);
    expect(newer.plays).toEqual([]);
  });

  for (const [query, pattern] of [
    ["limit=0", /limit/],
    ["limit=51", /limit/],
    ["limit=ten", /limit/],
    ["limit=2.5", /limit/],
    ["before=yesterday", /before/],
    ["after=-5", /after/],
    ["before=1&after=2", /together/],
    ["offset=3", /Unknown parameter: offset/],
  ] as const) {
    test(`rejects ?${query} with a 400 that says why`, async ({ page }) => {
      await signedIn(page);
      await emulator.resetCounters();
      const { status, headers, body } = await get(page, `/api/spotify/recently-played?${query}`);
      expect(status).toBe(400);
      expect(headers["cache-control"]).toBe("private, no-store");
      expect(body.error.code).toBe("invalid_request");
      expect(body.error.message).toMatch(pattern);
      expect((await emulator.counters()).requests).toEqual({});
    });
  }
});

test.describe("every Spotify route", () => {
  for (const path of [NOW, "/api/spotify/player", "/api/spotify/recently-played"]) {
    test(`${path} needs a session and takes only GET`, async ({ request }) => {
      const anonymous = await request.get(path);
      expect(anonymous.status()).toBe(401);
      expect(await anonymous.json()).toEqual({
        error: { code: "unauthenticated", message: expect.any(String) },
      });
      const post = await request.post(path, { data: {} });
      expect(post.status()).toBe(405);
      expect((await post.json()).error.code).toBe("method_not_allowed");
      expect(post.headers()["allow"]).toBe("GET, HEAD");
    });
  }

  test("a forged session cookie is treated as no session", async ({ request }) => {
    const response = await request.get(NOW, {
      headers: { Cookie: "next-auth.session-token=forged.value.here" },
    });
    expect(response.status()).toBe(401);
    expect((await response.json()).error.code).toBe("unauthenticated");
  });

  test("two listeners signed in at once never see each other's data", async ({ browser }) => {
    const rory = await browser.newPage();
    const maya = await browser.newPage();
    await signedIn(rory, "rory");
    await signedIn(maya, "maya");
    const roryLib = (await emulator.listener("rory")).library;
    const mayaLib = (await emulator.listener("maya")).library;
    await emulator.player("rory", { action: "play", uri: roryLib.tracks[2]!.uri });
    await emulator.player("maya", { action: "play", uri: mayaLib.tracks[5]!.uri });
    // Past the 1 s in which each person's identical requests share an answer (their dashboards polled).
    await rory.waitForTimeout(1_100);
    // Concurrently, to give any cross-user sharing its best chance to show.
    const [a, b] = await Promise.all([get(rory, "/api/spotify/player"), get(maya, "/api/spotify/player")]);
    expect(a.body.item.title).toBe(roryLib.tracks[2]!.name);
    expect(b.body.item.title).toBe(mayaLib.tracks[5]!.name);
    const [ra, rb] = await Promise.all([
      get(rory, "/api/spotify/recently-played?limit=50"),
      get(maya, "/api/spotify/recently-played?limit=50"),
    ]);
    expect(ra.body.plays[0]).not.toEqual(rb.body.plays[0]);
    await rory.close();
    await maya.close();
  });
});
