// The history page in a real browser, against the app's own store (seeded directly, as the recorder
// or an import writes it): the whole of 5,000 plays by scrolling, search, filters in the URL, gaps,
// live arrivals, and one person never seeing another's plays.
import type { Page } from "@playwright/test";
import { expect, signIn, store, test } from "./fixtures/test";
import type { SeedTrack } from "./fixtures/store";

const TRACKS: SeedTrack[] = [
  { key: "halo", title: "Halo", artist: "Beyoncé", album: "I Am... Sasha Fierce" },
  { key: "hoppipolla", title: "Hoppípolla", artist: "Sigur Rós", album: "Takk..." },
  { key: "naive", title: "Naïve Melody", artist: "Talking Heads", album: "Speaking in Tongues" },
  { key: "formation", title: "Formation", artist: "Beyoncé", album: "Lemonade" },
];
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

async function seeded(page: Page, count: number, options: { spacingMs?: number; newest?: number } = {}) {
  // Settings asks Spotify for nothing: the store holds only what the test seeds.
  await signIn(page, "rory", "/settings");
  const userId = await store.userId("rory");
  const newest = options.newest ?? Date.now() - HOUR;
  const spacingMs = options.spacingMs ?? 10 * MINUTE;
  await store.seedPlays(userId, TRACKS, { count, newest, spacingMs });
  return { userId, newest, spacingMs };
}

const rows = (page: Page) => page.getByTestId("history-play");

test("scrolls to the end of 5,000 plays, with only a screenful of rows in the page", async ({ page }) => {
  const { newest, spacingMs } = await seeded(page, 5_000);
  await page.goto("/history");
  await expect(rows(page).first()).toContainText("Halo");
  const end = page.getByTestId("history-end");
  let domRows = 0;
  await expect(async () => {
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    domRows = Math.max(domRows, await rows(page).count());
    await expect(end).toBeVisible({ timeout: 500 });
  }).toPass({ timeout: 90_000, intervals: [100] });
  await expect(end).toHaveText("That's the beginning of your history.");
  // The oldest play is the last row, and the list never held more than a screenful or two.
  const oldest = new Date(newest - 4_999 * spacingMs).toISOString();
  await expect(rows(page).last().locator("time")).toHaveAttribute("datetime", oldest);
  await expect(rows(page).last()).toContainText(TRACKS[4_999 % TRACKS.length]!.title);
  expect(domRows).toBeLessThan(150);
});

// The rest look at every row of a short history at once: a window tall enough to hold them all (the
// list is virtualized), and days cut in UTC so that a day's plays are known in advance.
test.describe("a short history", () => {
  test.use({ viewport: { width: 1280, height: 4_000 }, timezoneId: "UTC" });

  test("searches without regard to accents or case, by parts of words", async ({ page }) => {
    await seeded(page, 40);
    await page.goto("/history");
    const search = page.getByTestId("history-search");
    await search.fill("beyonce");
    await expect(page).toHaveURL(/[?&]q=beyonce/);
    await expect(rows(page)).toHaveCount(20);
    for (const text of await rows(page).allTextContents()) expect(text).toContain("Beyoncé");

    await search.fill("HOPPIP");
    await expect(rows(page).first()).toContainText("Hoppípolla");
    await expect(rows(page)).toHaveCount(10);
    for (const text of await rows(page).allTextContents()) expect(text).toContain("Sigur Rós");

    await search.fill("naive tongues");
    await expect(rows(page)).toHaveCount(10);
    await expect(rows(page).first()).toContainText("Naïve Melody");

    await search.fill("no such song");
    await expect(page.getByTestId("history-empty")).toContainText("No plays match");
  });

  test("keeps filters in the URL: they survive a reload, and Back undoes them", async ({ page }) => {
    const { userId, newest } = await seeded(page, 30, { spacingMs: 6 * HOUR });
    await store.seedPlays(userId, [TRACKS[2]!], {
      count: 3,
      newest: newest - 30 * 6 * HOUR,
      spacingMs: HOUR,
      source: "imported",
    });
    await page.goto("/history");
    await expect(rows(page).first()).toContainText("Halo");

    await page.getByTestId("history-source").selectOption("imported");
    await expect(page).toHaveURL(/source=imported/);
    await expect(rows(page)).toHaveCount(3);
    await expect(rows(page).first()).toContainText("Imported");

    await page.reload();
    await expect(page.getByTestId("history-source")).toHaveValue("imported");
    await expect(rows(page)).toHaveCount(3);

    await page.goBack();
    await expect(page).not.toHaveURL(/source=/);
    await expect(page.getByTestId("history-source")).toHaveValue("");
    await expect(rows(page)).toHaveCount(33);

    // An artist's name filters by that artist; the chip names them, and Back returns to everything.
    await rows(page)
      .filter({ hasText: "Sigur Rós" })
      .first()
      .getByRole("link", { name: "Sigur Rós" })
      .click();
    await expect(page).toHaveURL(/artist=spotify%3Aartist%3ASigurRs/);
    await expect(page.getByTestId("history-chip")).toHaveText(/Artist: Sigur Rós/);
    await expect(rows(page)).toHaveCount(8);
    await page.reload();
    await expect(rows(page)).toHaveCount(8);
    await page.goBack();
    await expect(page.getByTestId("history-chip")).toHaveCount(0);
    await expect(rows(page)).toHaveCount(33);

    // A date range, by the listener's days.
    const day = new Date(newest - 2 * 24 * HOUR).toISOString().slice(0, 10);
    await page.getByTestId("history-from").fill(day);
    await page.getByTestId("history-to").fill(day);
    await expect(page).toHaveURL(new RegExp(`from=${day}&to=${day}`));
    await expect(rows(page)).toHaveCount(4);
    for (const time of await rows(page)
      .locator("time")
      .evaluateAll((els) => els.map((el) => el.getAttribute("datetime")))) {
      expect(time!.slice(0, 10)).toBe(day);
    }
  });

  test("shows a coverage gap where it falls, with its bounds and a way to fill it", async ({ page }) => {
    const { userId, newest, spacingMs } = await seeded(page, 10, { spacingMs: 5 * HOUR });
    // Plays 3 (older side) and 2 (newer side): the window overflowed in between.
    const from = newest - 3 * spacingMs;
    const to = newest - 2 * spacingMs;
    await store.addGap(userId, from, to);
    await page.goto("/history");
    const gap = page.getByTestId("coverage-gap");
    await expect(gap).toHaveCount(1);
    await expect(gap).toContainText("Spotify's 50-play window overflowed here: plays between");
    await expect(gap.locator("time").first()).toHaveAttribute("datetime", new Date(from).toISOString());
    await expect(gap.locator("time").last()).toHaveAttribute("datetime", new Date(to).toISOString());
    await expect(gap.getByRole("link", { name: /Import your Spotify data/ })).toHaveAttribute(
      "href",
      "/import",
    );
    // It sits between the two plays it separates.
    const order = await page
      .locator('[data-testid="history-play"], [data-testid="coverage-gap"]')
      .evaluateAll((els) =>
        els.map((el) =>
          el.dataset.testid === "coverage-gap" ? "GAP" : el.querySelector("time")!.getAttribute("datetime"),
        ),
      );
    const gapAt = order.indexOf("GAP");
    expect(order[gapAt - 1]).toBe(new Date(to).toISOString());
    expect(order[gapAt + 1]).toBe(new Date(from).toISOString());
  });

  test("puts a new play at the top while the page is open", async ({ page }) => {
    const { userId, newest } = await seeded(page, 12);
    await page.goto("/history");
    await expect(rows(page)).toHaveCount(12);
    await store.seedPlays(userId, [TRACKS[1]!], {
      count: 1,
      newest: newest + 30 * MINUTE,
      spacingMs: MINUTE,
    });
    // Coming back to the tab checks at once (otherwise within 15 s).
    await expect(async () => {
      await page.evaluate(() => document.dispatchEvent(new Event("visibilitychange")));
      await expect(rows(page)).toHaveCount(13, { timeout: 1_000 });
    }).toPass({ timeout: 20_000 });
    await expect(rows(page).first()).toContainText("Hoppípolla");
    await expect(rows(page).first().locator("time")).toHaveAttribute(
      "datetime",
      new Date(newest + 30 * MINUTE).toISOString(),
    );
  });

  test("never shows one person another's plays, nor accepts their cursor", async ({ page, browser }) => {
    await seeded(page, 60);
    const other = await browser.newContext();
    const otherPage = await other.newPage();
    await signIn(otherPage, "maya", "/settings");
    const mayaId = await store.userId("maya");
    await store.seedPlays(
      mayaId,
      [{ key: "maya-only", title: "Only Maya Heard This", artist: "Maya Band", album: "Maya" }],
      {
        count: 5,
        newest: Date.now() - 10 * MINUTE,
        spacingMs: MINUTE,
      },
    );

    await page.goto("/history?q=maya");
    await expect(page.getByTestId("history-empty")).toContainText("No plays match");
    await page.goto("/history");
    await expect(rows(page).first()).toContainText("Halo");
    await expect(page.getByText("Only Maya Heard This")).toHaveCount(0);

    const mayas = await otherPage.request.get("/api/history?limit=2");
    const mayaPage = (await mayas.json()) as { plays: { track: { title: string } }[]; nextCursor: string };
    expect(mayaPage.plays.map((play) => play.track.title)).toEqual([
      "Only Maya Heard This",
      "Only Maya Heard This",
    ]);
    const refused = await page.request.get(`/api/history?cursor=${encodeURIComponent(mayaPage.nextCursor)}`);
    expect(refused.status()).toBe(400);
    expect(await refused.json()).toMatchObject({ error: { code: "invalid_request" } });
    expect(refused.headers()["cache-control"]).toBe("private, no-store");
    await other.close();
  });
});
