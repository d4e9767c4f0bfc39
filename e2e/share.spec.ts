// Sharing what plays, against the real app and the emulator: Settings' Share section makes the links;
// the overlay (a page with no sign-in) follows play, a natural track change, pause, skip, an episode
// and an ad; "Reset links" and turning sharing off kill the old links at once; the card is an SVG
// with the right words; and nothing served under /share/ carries a token or the account.
import type { Browser, Page } from "@playwright/test";
import { DEFAULT_SHARE_OPTIONS } from "../lib/share/share-options";
import { emulator, expect, signIn, store, test } from "./fixtures/test";
import { APP_URL } from "./fixtures/urls";

const LISTENER = "rory";

/** Turns sharing on in Settings and returns the two links it shows. */
async function shareFromSettings(page: Page): Promise<{ overlay: string; card: string }> {
  await signIn(page, LISTENER, "/settings");
  await page.getByLabel("Share what I am playing").check();
  const overlay = await page.getByLabel("Overlay link (OBS browser source)").inputValue();
  const card = await page.getByLabel("Card image link").inputValue();
  expect(overlay).toMatch(new RegExp(`^${APP_URL}/share/[A-Za-z0-9_-]{43}/overlay$`));
  expect(card).toBe(overlay.replace(/overlay$/, "card.svg"));
  return { overlay, card };
}

/** The overlay as OBS opens it: a browser with no Earshot cookie at all. */
async function openOverlay(browser: Browser, url: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url);
  return page;
}

const library = async () => (await emulator.listener(LISTENER)).library;

test("the overlay follows play, a natural track change, pause, skip, an episode and an ad", async ({
  page,
  browser,
}) => {
  test.setTimeout(150_000);
  const { tracks, episodes } = await library();
  const first = tracks[0]!;
  const { overlay } = await shareFromSettings(page);
  const viewer = await openOverlay(browser, overlay);
  const card = viewer.getByTestId("share-overlay");
  await expect(card).toHaveAttribute("data-state", /playing|paused|idle/);

  // Play the first track with 20 s left: the overlay has it at its next 15 s mark at the latest.
  await emulator.player(LISTENER, { action: "play", uri: first.uri, positionMs: first.durationMs - 20_000 });
  const endsAt = Date.now() + 20_000;
  await expect(viewer.getByTestId("share-title")).toHaveText(first.name, { timeout: 17_000 });
  await expect(card).toHaveAttribute("data-state", "playing");
  await expect(viewer.getByTestId("share-progress")).toBeVisible();

  // A natural end: the feed asks at the item's end, and the viewer has the next track within 1.5 s.
  await expect(viewer.getByTestId("share-title")).not.toHaveText(first.name, { timeout: 25_000 });
  expect(Date.now() - endsAt).toBeLessThanOrEqual(1_500 + 250); // + the test's own polling
  const next = (await emulator.listener(LISTENER)).item!.name;
  await expect(viewer.getByTestId("share-title")).toHaveText(next);
  expect(next).not.toBe(first.name);

  // Pause: seen at the next 15 s mark at the latest.
  await emulator.player(LISTENER, { action: "pause" });
  await expect(card).toHaveAttribute("data-state", "paused", { timeout: 20_000 });
  await expect(viewer.getByText("Paused")).toBeVisible();

  // Resume and skip (while paused, polls are 30 s apart): the next track, playing.
  await emulator.player(LISTENER, { action: "resume" });
  const skipped = (await emulator.player(LISTENER, { action: "skip" })).item!.name;
  expect(skipped).not.toBe(next);
  await expect(viewer.getByTestId("share-title")).toHaveText(skipped, { timeout: 35_000 });
  await expect(card).toHaveAttribute("data-state", "playing");

  await emulator.player(LISTENER, { action: "play", uri: episodes[0]!.uri });
  await expect(card).toHaveAttribute("data-kind", "episode", { timeout: 20_000 });
  await expect(viewer.getByTestId("share-title")).toHaveText(episodes[0]!.name);
  await expect(viewer.getByText("Listening to")).toBeVisible();

  await emulator.player(LISTENER, { action: "ad", durationMs: 60_000 });
  await expect(card).toHaveAttribute("data-kind", "ad", { timeout: 20_000 });
  await expect(viewer.getByTestId("share-title")).toHaveText("Advertisement");
  await viewer.context().close();
});

test("Reset links kills the old links at once while the new ones work; turning sharing off closes the overlay", async ({
  page,
  browser,
}) => {
  const { overlay: oldOverlay, card: oldCard } = await shareFromSettings(page);
  const viewer = await openOverlay(browser, oldOverlay);
  await expect(viewer.getByTestId("share-overlay")).toHaveAttribute("data-state", /playing|paused|idle/);

  await page.getByRole("button", { name: "Reset links" }).click();
  await page.getByRole("button", { name: "Reset now" }).click();
  const overlayField = page.getByLabel("Overlay link (OBS browser source)");
  await expect(overlayField).not.toHaveValue(oldOverlay);
  const newOverlay = await overlayField.inputValue();

  // The open overlay closes itself, and the old URLs are the 404 of a link that never existed.
  await expect(viewer.getByTestId("share-overlay")).toHaveAttribute("data-state", "closed");
  const never = oldOverlay.replace(/share\/[^/]+\//, `share/${"A".repeat(43)}/`);
  for (const url of [oldOverlay, never]) expect((await page.request.get(url)).status()).toBe(404);
  for (const url of [oldCard, never.replace(/overlay$/, "card.svg")]) {
    const response = await page.request.get(url);
    expect(response.status()).toBe(404);
    expect((await response.json()).error.code).toBe("not_found");
  }
  const events = await page.request.get(oldOverlay.replace(/overlay$/, "events"));
  expect(events.status()).toBe(404);

  await viewer.goto(newOverlay);
  await expect(viewer.getByTestId("share-overlay")).toHaveAttribute("data-state", /playing|paused|idle/);

  await page.getByLabel("Share what I am playing").uncheck();
  await expect(viewer.getByTestId("share-overlay")).toHaveAttribute("data-state", "closed");
  expect((await page.request.get(newOverlay)).status()).toBe(404);
  await viewer.context().close();
});

test("the card is an SVG with the track, an ETag, and Last played once nothing plays", async ({ page }) => {
  const track = (await library()).tracks[2]!;
  await emulator.player(LISTENER, {
    action: "play",
    uri: track.uri,
    positionMs: track.durationMs - 3_000,
    then: "stop",
  });
  const { card } = await shareFromSettings(page);

  const playing = await page.request.get(card);
  expect(playing.status()).toBe(200);
  expect(playing.headers()["content-type"]).toContain("image/svg+xml");
  expect(playing.headers()["cache-control"]).toBe("public, max-age=30");
  const svg = await playing.text();
  const parsed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, "image/svg+xml");
    return {
      error: doc.querySelector("parsererror")?.textContent ?? null,
      texts: [...doc.querySelectorAll("text")].map((t) => t.textContent),
      cover: doc.querySelector("image")?.getAttribute("href")?.slice(0, 26) ?? null,
    };
  }, svg);
  expect(parsed.error).toBeNull();
  expect(parsed.texts.slice(0, 2)).toEqual(["NOW PLAYING", track.name]);
  expect(parsed.cover).toBe("data:image/svg+xml;base64,");

  // The track ends and playback stops: the card asks again (its answer can no longer be right) and
  // says what was last played, from the store.
  await page.waitForTimeout(4_000);
  const idle = await page.request.get(card);
  const idleSvg = await idle.text();
  expect(idleSvg).toMatch(/LAST PLAYED · |NOT PLAYING/);
  // Unchanged, it costs a 304.
  const again = await page.request.get(card, { headers: { "if-none-match": idle.headers()["etag"]! } });
  expect(again.status()).toBe(304);
});

test("nothing served under /share/ carries a token, a session or the account", async ({
  page,
  context,
  browser,
}) => {
  const { overlay, card } = await shareFromSettings(page);
  const viewer = await openOverlay(browser, overlay);
  await expect(viewer.getByTestId("share-title")).toBeVisible();
  const html = await (await viewer.request.get(overlay)).text();
  const svg = await (await viewer.request.get(card)).text();
  // A few seconds of the event stream, as the overlay reads it.
  const stream = await viewer.evaluate(
    async (url) => {
      const response = await fetch(url);
      const reader = response.body!.getReader();
      const decoder = new TextDecoder();
      let text = "";
      const until = Date.now() + 2_000;
      while (Date.now() < until) {
        const { value, done } = await Promise.race([
          reader.read(),
          new Promise<{ value: undefined; done: true }>((r) =>
            setTimeout(() => r({ value: undefined, done: true }), 500),
          ),
        ]);
        if (value) text += decoder.decode(value);
        if (done && !value) continue;
      }
      await reader.cancel();
      return text;
    },
    overlay.replace(/overlay$/, "events"),
  );
  expect(stream).toContain("event: view");

  const { accessTokens, refreshTokens } = await emulator.tokens();
  const session = (await context.cookies()).find((c) => c.name.endsWith("session-token"))!.value;
  const secrets = [...accessTokens, ...refreshTokens, session, await store.userId(LISTENER)];
  for (const body of [html, svg, stream]) {
    for (const secret of secrets) expect(body).not.toContain(secret);
    expect(body).not.toMatch(/"spotifyId"|"email"|"userId"/);
  }
  await viewer.context().close();
});

test("the share settings refuse bad input, other sites and other methods with JSON errors", async ({
  page,
}) => {
  await signIn(page, LISTENER, "/settings");
  const call = (method: string, path: string, body?: string, headers: Record<string, string> = {}) =>
    page.evaluate(
      async ({ method, path, body, headers }) => {
        const response = await fetch(path, { method, body, headers });
        return { status: response.status, body: await response.json() };
      },
      { method, path, body, headers },
    );
  const json = { "content-type": "application/json" };
  const good = JSON.stringify({
    enabled: true,
    options: { ...DEFAULT_SHARE_OPTIONS, theme: "dark", size: "small" },
  });
  expect((await call("PUT", "/api/account/share", good, json)).status).toBe(200);
  const badTheme = await call("PUT", "/api/account/share", good.replace('"dark"', '"neon"'), json);
  expect(badTheme.status).toBe(400);
  expect(badTheme.body.error.code).toBe("invalid_request");
  const extra = await call(
    "PUT",
    "/api/account/share",
    good.replace('{"enabled"', '{"secret":"x","enabled"'),
    json,
  );
  expect(extra.status).toBe(400);
  expect((await call("PUT", "/api/account/share", "not json", json)).body.error.code).toBe("invalid_request");
  expect((await call("DELETE", "/api/account/share")).status).toBe(405);
  expect((await call("GET", "/api/account/share/reset")).status).toBe(405);
  // A request from another site (no Origin of ours) changes nothing.
  const forged = await page.request.post("/api/account/share/reset", {
    headers: { origin: "https://evil.example" },
  });
  expect(forged.status()).toBe(403);
  expect((await forged.json()).error.code).toBe("forbidden");
  const settings = await call("GET", "/api/account/share");
  expect(settings.body.options.theme).toBe("dark");
  expect(settings.body.overlayUrl).toMatch(/\/share\/[A-Za-z0-9_-]{43}\/overlay$/);
});
