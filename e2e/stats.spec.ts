// The stats pages in a real browser, against the app's own store (seeded directly, as the recorder or
// an import writes it; the rollups follow by the store's triggers): every range in light, dark and on
// a phone with screenshots kept as artifacts, the time zone from the browser and from Settings, an
// artist's page, and the API's validation.
import AxeBuilder from "@axe-core/playwright";
import type { Page, TestInfo } from "@playwright/test";
import type { SeedTrack } from "./fixtures/store";
import { expect, signIn, store, test } from "./fixtures/test";

const TRACKS: SeedTrack[] = [
  { key: "halo", title: "Halo", artist: "Beyoncé", album: "I Am... Sasha Fierce" },
  { key: "hoppipolla", title: "Hoppípolla", artist: "Sigur Rós", album: "Takk..." },
  { key: "naive", title: "Naïve Melody", artist: "Talking Heads", album: "Speaking in Tongues" },
  { key: "formation", title: "Formation", artist: "Beyoncé", album: "Lemonade" },
  { key: "glosoli", title: "Glósóli", artist: "Sigur Rós", album: "Takk..." },
];
const HOUR = 3_600_000;
const ZONE = "Europe/Berlin";
// Seeded plays, each 200 s long (the seed's tracks) and never capped (plays are far apart): one
// every 5 hours for about 420 days back from an hour ago, and two sparser series over the last
// months (so that days differ), minutes apart from the first so that no instants collide.
const SERIES = [
  { count: 2_000, spacingMs: 5 * HOUR, offsetMs: HOUR },
  { count: 500, spacingMs: 7 * HOUR, offsetMs: HOUR + 17 * 60_000 },
  { count: 200, spacingMs: 11 * HOUR, offsetMs: HOUR + 29 * 60_000 },
];

const localDay = (ms: number) =>
  new Intl.DateTimeFormat("en-CA", {
    timeZone: ZONE,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(new Date(ms));
const addDays = (day: string, days: number) => {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
};

async function seeded(page: Page) {
  await signIn(page, "rory", "/settings");
  const userId = await store.userId("rory");
  // People outlive a test (only plays are cleared): each test starts as a first visit to stats.
  await store.setTimeZone(userId, null);
  const now = Date.now();
  const days: string[] = [];
  for (const { count, spacingMs, offsetMs } of SERIES) {
    const newest = now - offsetMs;
    await store.seedPlays(userId, TRACKS, { count, newest, spacingMs });
    for (let i = 0; i < count; i++) days.push(localDay(newest - i * spacingMs));
  }
  return { userId, days };
}

const RANGES = (year: number, today: string) =>
  [
    { name: "4-weeks", search: "", label: "Last 4 weeks", start: addDays(today, -27) },
    { name: "6-months", search: "?range=6m", label: "Last 6 months", start: null },
    { name: "12-months", search: "?range=12m", label: "Last 12 months", start: null },
    { name: "year", search: `?range=year&year=${year}`, label: String(year), start: `${year}-01-01` },
    { name: "all-time", search: "?range=all", label: "All time", start: "" },
    {
      name: "custom",
      search: `?range=custom&from=${addDays(today, -60)}&to=${addDays(today, -31)}`,
      label: "–",
      start: addDays(today, -60),
    },
  ] as const;

async function shoot(page: Page, testInfo: TestInfo, name: string) {
  await page.waitForTimeout(300);
  const path = testInfo.outputPath(`stats-${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(`stats-${name}`, { path, contentType: "image/png" });
}

test.describe("the stats page", () => {
  test.use({ timezoneId: ZONE, viewport: { width: 1280, height: 900 } });

  test("takes the browser's time zone on a first visit, then shows every range in light, dark and on a phone", async ({
    page,
  }, testInfo) => {
    test.setTimeout(180_000);
    const { days } = await seeded(page);
    await page.goto("/stats");
    // The first visit stores the browser's zone (the page then shows again in it).
    await expect(page.getByTestId("minutes-note")).toContainText(`Days and hours are in ${ZONE};`);
    const today = localDay(Date.now());
    const year = Number(today.slice(0, 4));
    for (const range of RANGES(year, today)) {
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.emulateMedia({ colorScheme: "light" });
      await page.goto(`/stats${range.search}`);
      await expect(page.getByRole("heading", { level: 1 })).toContainText(range.label);
      const totals = page.getByTestId("totals");
      if (range.start !== null) {
        const end = range.name === "custom" ? addDays(today, -31) : today;
        const expected = days.filter((day) => day >= range.start && day <= end).length;
        await expect(totals).toContainText(`Plays${expected.toLocaleString("en-GB")}`);
      }
      await expect(
        page.getByRole("region", { name: "Top tracks" }).getByRole("listitem").first(),
      ).toBeVisible();
      await expect(
        page.getByRole("region", { name: "Listening per day" }).locator("svg rect").first(),
      ).toBeVisible();
      await shoot(page, testInfo, `${range.name}-light`);
      await page.emulateMedia({ colorScheme: "dark" });
      await shoot(page, testInfo, `${range.name}-dark`);
      await page.emulateMedia({ colorScheme: "light" });
      await page.setViewportSize({ width: 390, height: 844 });
      // Nothing wider than the phone but the charts' own scrolling boxes.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(overflow).toBeLessThanOrEqual(390);
      await shoot(page, testInfo, `${range.name}-phone`);
    }
  });

  test("totals compare with the previous period, and the tops lead to an artist's page", async ({ page }) => {
    await seeded(page);
    await page.goto("/stats?range=4w");
    const totals = page.getByTestId("totals");
    // Every figure is compared with the 4 weeks before.
    await expect(totals.getByText(/ vs /)).toHaveCount(5);
    await page.goto("/stats?range=all&by=minutes");
    await expect(page.getByRole("link", { name: "By minutes" })).toHaveAttribute("aria-current", "true");
    await page.getByRole("region", { name: "Top artists" }).getByRole("link").first().click();
    await expect(page).toHaveURL(/\/stats\/artist\//);
    const figures = page.getByTestId("subject-figures");
    await expect(figures).toContainText("Share of all listening");
    // The top artist by time has two of the five tracks.
    await expect(figures).toContainText(/\d+ % of plays/);
    await expect(page.getByRole("region", { name: "Top tracks" }).getByRole("listitem")).toHaveCount(2);
  });

  test("a zone chosen in Settings cuts days in that zone", async ({ page }) => {
    await seeded(page);
    await page.goto("/stats");
    await expect(page.getByTestId("minutes-note")).toContainText(ZONE);
    await page.goto("/settings");
    await page.getByRole("combobox", { name: "Zone" }).selectOption("America/New_York");
    await page.getByRole("button", { name: "Save time zone" }).click();
    await expect(page.getByRole("status")).toContainText("America/New_York");
    await page.goto("/stats");
    await expect(page.getByTestId("minutes-note")).toContainText("Days and hours are in America/New_York;");
  });
});

test("GET /api/stats and its pages' routes check every parameter", async ({ page }) => {
  await signIn(page, "rory", "/settings");
  const get = (path: string) => page.request.get(path);
  const bad = [
    "/api/stats?range=forever",
    "/api/stats?range=year",
    "/api/stats?range=year&year=19",
    "/api/stats?range=custom&from=2025-01-01",
    "/api/stats?range=custom&from=2025-02-30&to=2025-03-01",
    "/api/stats?range=custom&from=2025-03-01&to=2025-01-01",
    "/api/stats?range=4w&from=2025-01-01",
    "/api/stats?colour=blue",
    "/api/stats/artist",
    "/api/stats/artist?id=nope",
    "/api/stats/track?id=",
  ];
  for (const path of bad) {
    const response = await get(path);
    expect(response.status(), path).toBe(400);
    expect((await response.json()).error.code, path).toBe("invalid_request");
  }
  const missing = await get("/api/stats/artist?id=spotify:artist:never");
  expect(missing.status()).toBe(404);
  expect((await missing.json()).error.code).toBe("not_found");
  const ok = await get("/api/stats?range=custom&from=2024-02-01&to=2024-02-29");
  expect(ok.status()).toBe(200);
  const body = await ok.json();
  expect(body.range).toMatchObject({ kind: "custom", start: "2024-02-01", end: "2024-02-29" });
  expect(body.previous).toBeUndefined();
  expect(body.range.previous).toEqual({ start: "2024-01-03", end: "2024-01-31" });
  const zone = await page.request.put("/api/account/time-zone", {
    data: { timeZone: "Mars/Olympus" },
    headers: { origin: new URL(page.url()).origin },
  });
  expect(zone.status()).toBe(400);
  const signedOut = await page.context().browser()!.newContext();
  const anonymous = await signedOut.request.get(new URL("/api/stats", page.url()).toString());
  expect(anonymous.status()).toBe(401);
  await signedOut.close();
});

test.describe("accessibility", () => {
  test.use({ timezoneId: ZONE });

  for (const scheme of ["light", "dark"] as const) {
    for (const [device, viewport] of Object.entries({
      desktop: { width: 1280, height: 800 },
      phone: { width: 390, height: 844 },
    })) {
      test(`no axe violations on the stats pages: ${scheme}, ${device}`, async ({ page }) => {
        test.setTimeout(180_000);
        await page.setViewportSize(viewport);
        await page.emulateMedia({ colorScheme: scheme });
        await seeded(page);
        const check = async () => {
          const { violations } = await new AxeBuilder({ page })
            .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"])
            .analyze();
          return violations.map((v) => ({
            rule: v.id,
            targets: v.nodes.map((node) => node.target.join(" ")),
          }));
        };
        await page.goto("/stats?range=12m");
        await expect(page.getByTestId("minutes-note")).toContainText(ZONE);
        const stats = await check();
        await page
          .getByRole("region", { name: "Top tracks" })
          .getByRole("listitem")
          .first()
          .getByRole("link")
          .click();
        await expect(page.getByTestId("subject-figures")).toBeVisible();
        const track = await check();
        expect({ stats, track }).toEqual({ stats: [], track: [] });
      });
    }
  }
});
