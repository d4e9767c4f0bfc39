// The live dashboard against the emulator: what the card shows for each kind of playback, how soon
// it follows Spotify, the recent-plays list, the error states, and screenshots of the result.
// Spotify's side is driven only through the emulator's control API; nothing in the app is mocked.
import type { Locator, Page } from "@playwright/test";
import { APP_URL } from "./fixtures/urls";
import { emulator, expect, signIn, store, test } from "./fixtures/test";

const PLAYER_API = "/api/spotify/player";

function dashboard(page: Page) {
  const card = page.getByTestId("now-playing");
  return {
    card,
    title: page.getByTestId("now-playing-title"),
    state: page.getByTestId("now-playing-state"),
    bar: card.getByRole("progressbar", { name: "Playback position" }),
    list: page.getByTestId("recent-plays"),
    rows: page.getByTestId("recent-play"),
    notice: page.getByTestId("connection-notice"),
  };
}

/** The tab becoming visible again, as when the listener switches back to it. */
async function showTab(page: Page) {
  await page.evaluate(() => window.dispatchEvent(new Event("visibilitychange")));
}

/**
 * The dashboard polls on its own schedule (up to 15 s while playing, 30 s paused); a listener coming
 * back to the tab gets a fresh answer at once. This does that until `assertion` holds.
 */
async function afterShowingTab(page: Page, assertion: () => Promise<void>, timeout = 15_000) {
  await expect(async () => {
    await showTab(page);
    await assertion();
  }).toPass({ timeout, intervals: [500, 1_000, 2_000] });
}

/** Timestamps of the dashboard's polls of the player from now on. */
function recordPolls(page: Page): number[] {
  const polls: number[] = [];
  page.on("request", (request) => {
    if (new URL(request.url()).pathname === PLAYER_API) polls.push(Date.now());
  });
  return polls;
}

async function valueNow(bar: Locator): Promise<number> {
  return Number(await bar.getAttribute("aria-valuenow"));
}

test.describe("now-playing card", () => {
  test("after sign-in the card shows the track the emulator is playing", async ({ page }) => {
    const { library } = await emulator.listener("rory");
    const track = library.tracks[0]!;
    await emulator.player("rory", { action: "play", uri: track.uri, positionMs: 20_000 });
    await signIn(page);
    const { card, title, state, bar } = dashboard(page);

    await expect(title).toHaveText(track.name);
    await expect(state).toHaveText("Playing");
    await expect(card.getByTestId("now-playing-device")).toContainText("Rory's MacBook Pro");
    await expect(bar).toHaveAttribute("aria-valuemin", "0");
    await expect(bar).toHaveAttribute("aria-valuemax", String(Math.round(track.durationMs / 1000)));
    expect(await valueNow(bar)).toBeGreaterThanOrEqual(20);
    const link = title.getByRole("link", { name: track.name });
    await expect(link).toHaveAttribute("target", "_blank");
    await expect(link).toHaveAttribute("rel", /noopener/);
    await expect(card.locator("img")).toHaveJSProperty("complete", true);

    const header = page.getByRole("banner");
    await expect(header).toContainText("Earshot");
    await expect(header.getByTestId("demo-badge")).toHaveText("Demo");
    await expect(header.getByTestId("viewer-name")).toHaveText("Rory");
    await expect(header.getByRole("button", { name: "Sign out" })).toBeVisible();
    await expect(page).toHaveTitle(/Dashboard/);
  });

  test("at a natural track end the next track shows within 2 s", async ({ page }) => {
    const { library } = await emulator.listener("rory");
    const track = library.tracks[3]!;
    await emulator.player("rory", { action: "play", uri: track.uri, positionMs: track.durationMs - 8_000 });
    await signIn(page);
    const { title } = dashboard(page);
    await expect(title).toHaveText(track.name);

    const playing = await emulator.listener("rory");
    const endsAt = Date.now() + (playing.item!.durationMs - playing.progressMs!);
    // Watch every frame: Playwright's own retries are too coarse to time this.
    await page.waitForFunction(
      (name) => document.querySelector('[data-testid="now-playing-title"]')?.textContent !== name,
      track.name,
      { timeout: 15_000, polling: "raf" },
    );
    const lateBy = Date.now() - endsAt;
    expect(lateBy).toBeLessThan(2_000);
    await expect(title).toHaveText((await emulator.listener("rory")).item!.name);
  });

  test("pause, resume, skip and stop show on the card", async ({ page }) => {
    const { library } = await emulator.listener("rory");
    const track = library.tracks[1]!;
    await emulator.player("rory", { action: "play", uri: track.uri, positionMs: 5_000 });
    await signIn(page);
    const { card, title, state, bar } = dashboard(page);
    await expect(title).toHaveText(track.name);

    await emulator.player("rory", { action: "pause" });
    // No help from the test here: a playing track is checked again at least every 15 s.
    await expect(state).toHaveText("Paused", { timeout: 17_000 });
    await expect(card.getByText("Paused", { exact: true }).last()).toBeVisible();
    await expect(bar).toHaveAttribute("aria-valuetext", /paused/);
    const pausedAt = await valueNow(bar);
    await page.waitForTimeout(1_500);
    expect(await valueNow(bar)).toBe(pausedAt);

    await emulator.player("rory", { action: "resume" });
    await afterShowingTab(page, () => expect(state).toHaveText("Playing", { timeout: 1_000 }));

    const next = await emulator.player("rory", { action: "skip" });
    expect(next.item!.name).not.toBe(track.name);
    await afterShowingTab(page, () => expect(title).toHaveText(next.item!.name, { timeout: 1_000 }));

    await emulator.player("rory", { action: "stop" });
    await afterShowingTab(page, () => expect(state).toHaveText("Not playing", { timeout: 1_000 }));
    await expect(title).toHaveText("Nothing playing right now");
    await expect(card).toContainText("Last played:");
    await expect(bar).toBeHidden();
  });

  test("an episode, a local file and an ad fill the same card without moving anything", async ({ page }) => {
    const { library } = await emulator.listener("rory");
    const episode = library.episodes[0]!;
    const local = library.localFiles[0]!;
    await emulator.player("rory", { action: "play", uri: library.tracks[0]!.uri });
    await signIn(page);
    const { card, title } = dashboard(page);
    await expect(title).toHaveText(library.tracks[0]!.name);
    const layout = async () => ({
      card: await card.boundingBox(),
      title: await title.boundingBox(),
      bar: await dashboard(page).bar.boundingBox(),
    });
    const reference = await layout();

    await emulator.player("rory", { action: "play", uri: episode.uri });
    await afterShowingTab(page, () => expect(title).toHaveText(episode.name, { timeout: 1_000 }));
    await expect(card).toContainText("Podcast");
    await expect(card.locator("img")).toBeVisible();
    expect(await layout()).toEqual(reference);

    await emulator.player("rory", { action: "play", uri: local.uri });
    await afterShowingTab(page, () => expect(title).toHaveText(local.name, { timeout: 1_000 }));
    await expect(card).toContainText("Local file");
    await expect(card.getByRole("img", { name: "Local file" })).toBeVisible();
    await expect(card.locator("img")).toHaveCount(0);
    await expect(title.getByRole("link")).toHaveCount(0);
    expect(await layout()).toEqual(reference);

    await emulator.player("rory", { action: "ad", durationMs: 30_000 });
    await afterShowingTab(page, () => expect(title).toHaveText("Advertisement", { timeout: 1_000 }));
    await expect(card.getByRole("img", { name: "Advertisement" })).toBeVisible();
    expect(await layout()).toEqual(reference);
  });

  test("the progress bar moves between polls", async ({ page }) => {
    const { library } = await emulator.listener("rory");
    const track = library.tracks[0]!;
    await emulator.player("rory", { action: "play", uri: track.uri, positionMs: 30_000 });
    await signIn(page);
    const { title, bar, card } = dashboard(page);
    await expect(title).toHaveText(track.name);
    await expect(bar).toHaveAttribute("aria-valuenow", /\d+/);

    const polls = recordPolls(page);
    const first = await valueNow(bar);
    const firstLabel = await card.getByTestId("progress-elapsed").textContent();
    await page.waitForTimeout(3_000);
    expect(await valueNow(bar)).toBeGreaterThanOrEqual(first + 2);
    expect(await card.getByTestId("progress-elapsed").textContent()).not.toBe(firstLabel);
    // All of that without asking the server again.
    expect(polls).toEqual([]);
  });
});

test.describe("recent plays", () => {
  test("are grouped by day in the listener's time zone and page to the end of what is kept", async ({
    page,
    browser,
  }) => {
    // When did the 50 reachable plays happen? (The emulator's history is seeded relative to now.)
    await signIn(page);
    const recent = await (await page.request.get("/api/spotify/recently-played?limit=50")).json();
    const times: number[] = recent.plays.map((play: { playedAt: string }) => Date.parse(play.playedAt));
    expect(times).toHaveLength(50);
    // A time zone whose midnight falls among those plays: some are "Today", the rest "Yesterday".
    const hour = 3_600_000;
    const midnight = Math.ceil((times.at(-1)! + 60_000) / hour) * hour;
    expect(midnight).toBeLessThan(times[0]! - 60_000);
    let offset = (24 - new Date(midnight).getUTCHours()) % 24;
    if (offset > 14) offset -= 24;
    const timezoneId = offset === 0 ? "UTC" : `Etc/GMT${offset > 0 ? "-" : "+"}${Math.abs(offset)}`;
    const today = times.filter((time) => time >= midnight).length;

    const context = await browser.newContext({
      baseURL: APP_URL,
      timezoneId,
      viewport: { width: 1280, height: 900 },
    });
    try {
      const listener = await context.newPage();
      await signIn(listener);
      const { list, rows } = dashboard(listener);
      await expect(rows).toHaveCount(20);
      const loadMore = list.getByRole("button", { name: "Load more" });
      await loadMore.click();
      await expect(rows).toHaveCount(40);
      await loadMore.click();
      await expect(rows).toHaveCount(50);
      await expect(loadMore).toHaveCount(0);
      // The request above stored Spotify's whole window, and nothing older is kept.
      await expect(list.getByTestId("window-end")).toHaveText(/^That's every play Earshot has kept\./);
      await expect(list.getByRole("link", { name: "Browse your history" })).toHaveAttribute(
        "href",
        "/history",
      );

      const groups = list.getByTestId("day-group");
      await expect(groups).toHaveCount(2);
      await expect(groups.nth(0).getByRole("heading")).toHaveText("Today");
      await expect(groups.nth(1).getByRole("heading")).toHaveText("Yesterday");
      await expect(groups.nth(0).getByTestId("recent-play")).toHaveCount(today);
      await expect(groups.nth(1).getByTestId("recent-play")).toHaveCount(50 - today);

      // Each row: relative time, the exact time on hover (title) and on keyboard focus (tooltip).
      const row = rows.first();
      const time = row.locator("time");
      await expect(time).toHaveAttribute("datetime", recent.plays[0].playedAt);
      await expect(time).toHaveText(/just now|min ago|h ago/);
      const exact = await time.getAttribute("title");
      expect(exact).toBeTruthy();
      await row.getByRole("link").last().focus();
      await listener.keyboard.press("Tab");
      await expect(time).toBeFocused();
      await expect(row.getByRole("tooltip")).toBeVisible();
      await expect(row.getByRole("tooltip")).toHaveText(exact!);
    } finally {
      await context.close();
    }
  });

  test("come from the store: Load more goes past Spotify's 50, and the newest are Spotify's", async ({
    page,
  }) => {
    // Spotify's window, stored by the app as it passes (write-through), and 30 older plays kept before.
    await signIn(page, "rory", "/settings");
    const window = await (await page.request.get("/api/spotify/recently-played?limit=50")).json();
    const oldestInWindow = Date.parse(window.plays.at(-1).playedAt);
    const userId = await store.userId("rory");
    await store.seedPlays(
      userId,
      [{ key: "kept-long-ago", title: "Kept Long Ago", artist: "Old Band", album: "Old" }],
      {
        count: 30,
        newest: oldestInWindow - 3_600_000,
        spacingMs: 600_000,
      },
    );
    // A play Spotify logged since: the first page shows it at once, not after a moment.
    const { library } = await emulator.listener("rory");
    await emulator.player("rory", { action: "play", uri: library.tracks[3]!.uri });
    await emulator.advanceClock(60_000);
    await emulator.player("rory", { action: "skip" });

    await page.goto("/dashboard");
    const { list, rows } = dashboard(page);
    // 20 stored plays, and the one Spotify logged since on top of them.
    await expect(rows).toHaveCount(21);
    await expect(rows.first()).toContainText(library.tracks[3]!.name);
    const loadMore = list.getByRole("button", { name: "Load more" });
    for (const count of [41, 61, 81]) {
      await loadMore.click();
      await expect(rows).toHaveCount(count);
    }
    await expect(loadMore).toHaveCount(0);
    await expect(rows.last()).toContainText("Kept Long Ago");
    await expect(rows.last().locator("time")).toHaveAttribute(
      "datetime",
      new Date(oldestInWindow - 3_600_000 - 29 * 600_000).toISOString(),
    );
    await expect(list.getByTestId("window-end")).toHaveText(/^That's every play Earshot has kept\./);
  });

  test("a new play appears at the top, highlighted, fetched with one after= call", async ({ page }) => {
    const { library } = await emulator.listener("rory");
    const track = library.tracks[2]!;
    await emulator.player("rory", { action: "play", uri: track.uri });
    await signIn(page);
    const { title, rows } = dashboard(page);
    await expect(title).toHaveText(track.name);
    await expect(rows).toHaveCount(20);

    const listRequests: string[] = [];
    page.on("request", (request) => {
      const url = new URL(request.url());
      if (url.pathname === "/api/spotify/recently-played") listRequests.push(url.search);
    });
    // 40 s of listening makes it a play in Spotify's history; the skip ends it.
    await emulator.advanceClock(40_000);
    const next = await emulator.player("rory", { action: "skip" });
    await afterShowingTab(page, () => expect(title).toHaveText(next.item!.name, { timeout: 1_000 }));

    const top = rows.first();
    await expect(top).toContainText(track.name);
    await expect(top).toHaveClass(/animate-arrive/);
    await expect(rows).toHaveCount(21);
    await expect(top.locator("time")).toHaveText("just now");
    // Only the newer plays were asked for: no reload of the pages already shown.
    expect(listRequests.length).toBeGreaterThan(0);
    expect(listRequests.every((search) => search.includes("after="))).toBe(true);
  });
});

test.describe("when Spotify is not cooperating", () => {
  test("a slow Spotify does not hold the page back: the card fills in from the browser's poll", async ({
    page,
  }) => {
    const { library } = await emulator.listener("rory");
    const track = library.tracks[3]!;
    await emulator.player("rory", { action: "play", uri: track.uri });
    await signIn(page);
    const { title } = dashboard(page);
    await expect(title).toHaveText(track.name);

    // The server's read of the player, drawing the page, takes longer than the page waits for it.
    await emulator.fault({ path: "/v1/me/player", count: 1, fault: { kind: "delay", ms: 8_000 } });
    const started = Date.now();
    await page.goto("/dashboard");
    expect(Date.now() - started).toBeLessThan(4_000);
    await expect(title).toHaveText(track.name, { timeout: 15_000 });
  });

  test("a rate limit shows a countdown, keeps the card, and updates resume by themselves", async ({
    page,
  }) => {
    await signIn(page);
    const { title, notice } = dashboard(page);
    await expect(title).not.toBeEmpty();
    const shown = await title.textContent();

    await emulator.fault({
      path: "/v1/me/player",
      count: 1,
      fault: {
        status: 429,
        headers: { "Retry-After": "10" },
        body: { error: { status: 429, message: "API rate limit exceeded" } },
      },
    });
    await afterShowingTab(page, () => expect(notice).toBeVisible({ timeout: 1_000 }));
    await expect(notice).toHaveAttribute("data-kind", "rate_limited");
    await expect(notice).toContainText(/Spotify asked us to slow down; updates resume in \d+ s/);
    const seconds = async () => Number(/in (\d+) s/.exec((await notice.textContent()) ?? "")?.[1]);
    const first = await seconds();
    expect(first).toBeLessThanOrEqual(10);
    await page.waitForTimeout(2_100);
    expect(await seconds()).toBeLessThan(first);
    await expect(title).toHaveText(shown!);

    await expect(notice).toBeHidden({ timeout: 15_000 });
  });

  test("a Spotify outage keeps the last data on screen with a Reconnecting note", async ({ page }) => {
    await signIn(page);
    const { title, notice, state } = dashboard(page);
    await expect(title).not.toBeEmpty();
    const shown = await title.textContent();

    await emulator.fault({
      path: "/v1/me/player",
      durationMs: 60_000,
      fault: { status: 503, body: "Service Unavailable" },
    });
    await afterShowingTab(
      page,
      () => expect(notice).toHaveAttribute("data-kind", "reconnecting", { timeout: 1_000 }),
      30_000,
    );
    await expect(notice).toContainText("Reconnecting…");
    await expect(title).toHaveText(shown!);
    await expect(state).toHaveText(/Playing|Paused|Not playing/);

    await emulator.clearFaults();
    await expect(notice).toBeHidden({ timeout: 20_000 });
  });

  test("an expired Spotify sign-in asks to sign in again and stops polling", async ({ page }) => {
    await emulator.configure({ accessTokenLifetimeSec: 5 });
    await signIn(page);
    const { title, notice } = dashboard(page);
    await expect(title).not.toBeEmpty();
    const shown = await title.textContent();

    await emulator.revoke({ listener: "rory" });
    await page.waitForTimeout(5_500);
    const signInAgain = page.getByRole("button", { name: "Sign in again" });
    await afterShowingTab(page, () => expect(signInAgain).toBeVisible({ timeout: 1_000 }));
    await expect(notice).toContainText("Your Spotify sign-in expired");
    await expect(title).toHaveText(shown!);

    const polls = recordPolls(page);
    await showTab(page);
    await page.waitForTimeout(3_000);
    expect(polls).toEqual([]);
  });

  test("a listener missing from the app's allow-list sees Spotify's explanation", async ({ page }) => {
    await signIn(page, "outsider");
    const { notice, state } = dashboard(page);
    await expect(notice).toHaveAttribute("data-kind", "forbidden");
    await expect(notice).toContainText(/allow-list/);
    await expect(state).toHaveText("Offline");
  });
});

test("screenshots: light, dark and phone", async ({ page }, testInfo) => {
  const { library } = await emulator.listener("rory");
  await emulator.player("rory", { action: "play", uri: library.tracks[0]!.uri, positionMs: 60_000 });
  await signIn(page);
  const { card, list, rows, title } = dashboard(page);
  await expect(title).toHaveText(library.tracks[0]!.name);
  await expect(rows).toHaveCount(20);
  await page.waitForFunction(() => [...document.images].every((image) => image.complete));

  const shoot = async (name: string, fullPage: boolean) => {
    // Let colour transitions settle.
    await page.waitForTimeout(400);
    const path = testInfo.outputPath(`dashboard-${name}.png`);
    await page.screenshot({ path, fullPage });
    await testInfo.attach(`dashboard-${name}`, { path, contentType: "image/png" });
  };

  // Desktop: card and list side by side.
  const cardBox = (await card.boundingBox())!;
  const listBox = (await list.boundingBox())!;
  expect(listBox.x).toBeGreaterThan(cardBox.x + cardBox.width);
  await shoot("light", true);

  await page.emulateMedia({ colorScheme: "dark" });
  await shoot("dark", false);

  // Phone: the card on top, the list below it.
  await page.emulateMedia({ colorScheme: "light" });
  await page.setViewportSize({ width: 390, height: 844 });
  const phoneCard = (await card.boundingBox())!;
  const phoneList = (await list.boundingBox())!;
  expect(phoneList.y).toBeGreaterThan(phoneCard.y + phoneCard.height);
  expect(phoneCard.width).toBeLessThanOrEqual(390);
  await shoot("phone", false);
});
