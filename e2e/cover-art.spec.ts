// A change of track never flashes the empty square or a half-loaded image on the now-playing card:
// the old cover stays until the new one has loaded, then the new one fades in over it. The network
// is held back by the test (Playwright's routing), so "not loaded yet" lasts as long as it needs.
import type { Route } from "@playwright/test";
import { emulator, expect, signIn, test } from "./fixtures/test";

test("the old cover stays until the new one has loaded, then the new one fades in", async ({ page }) => {
  const { library } = await emulator.listener("rory");
  // A track, then an episode: its show's cover is surely another image.
  const [first, second] = [library.tracks[0]!, library.episodes[0]!];
  await emulator.player("rory", { action: "play", uri: first.uri });
  await signIn(page);
  const card = page.getByTestId("now-playing");
  const title = page.getByTestId("now-playing-title");
  const cover = card.locator("img");
  await expect(title).toHaveText(first.name);
  await expect(cover).toHaveAttribute("data-loaded", "true");
  const oldUrl = await cover.evaluate((img: HTMLImageElement) => img.currentSrc);

  // From now on, every image but the one already shown waits for the test.
  const held: Route[] = [];
  let holding = true;
  await page.route(`${emulator.url}/images/**`, (route) => {
    if (!holding || route.request().url() === oldUrl) return route.continue();
    held.push(route);
  });

  await emulator.player("rory", { action: "play", uri: second.uri });
  await expect(async () => {
    await page.evaluate(() => window.dispatchEvent(new Event("visibilitychange")));
    await expect(title).toHaveText(second.name, { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await expect.poll(() => held.length).toBeGreaterThan(0);
  const newSrc = await cover.getAttribute("src");
  expect(newSrc).not.toBe(oldUrl);

  // Not loaded: the new image is transparent, the old cover is drawn under it, and stays.
  const backdrop = card.getByTestId("cover-backdrop");
  for (let i = 0; i < 3; i++) {
    await expect(cover).not.toHaveAttribute("data-loaded");
    await expect(cover).toHaveCSS("opacity", "0");
    await expect(backdrop).toBeVisible();
    expect(await backdrop.evaluate((el) => getComputedStyle(el).backgroundImage)).toContain(oldUrl);
    await page.waitForTimeout(500);
  }

  holding = false;
  await Promise.all(held.map((route) => route.continue()));
  await expect(cover).toHaveAttribute("data-loaded", "true");
  await expect(cover).toHaveCSS("opacity", "1");
  // Once faded in, it is the one kept for the next change.
  const shown = await cover.evaluate((img: HTMLImageElement) => img.currentSrc);
  await expect.poll(() => backdrop.evaluate((el) => getComputedStyle(el).backgroundImage)).toContain(shown);
});
