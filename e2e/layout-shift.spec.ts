// Cumulative layout shift on the dashboard, from the first paint through a change of track (which
// also brings a new play to the top of the recent list): 0. Measured by the browser itself, with a
// PerformanceObserver of layout-shift entries, leaving out shifts that follow input (as CLS does).
import { emulator, expect, signIn, test } from "./fixtures/test";

type ShiftLog = { value: number; sources: string[] }[];

test("the dashboard does not shift across a track change", async ({ page }) => {
  // Every document of the page gets the observer before its own scripts run.
  await page.addInitScript(() => {
    const log: ShiftLog = [];
    (window as unknown as { __shifts: ShiftLog }).__shifts = log;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as (PerformanceEntry & {
        value: number;
        hadRecentInput: boolean;
        sources?: { node?: Node | null }[];
      })[]) {
        if (entry.hadRecentInput) continue;
        const sources = (entry.sources ?? []).map((s) =>
          s.node instanceof Element ? s.node.outerHTML.slice(0, 120) : String(s.node?.nodeName),
        );
        log.push({ value: entry.value, sources });
      }
    }).observe({ type: "layout-shift", buffered: true });
  });
  const shifts = () => page.evaluate(() => (window as unknown as { __shifts: ShiftLog }).__shifts);

  const { library } = await emulator.listener("rory");
  const track = library.tracks[2]!;
  await emulator.player("rory", { action: "play", uri: track.uri });
  await signIn(page);
  const title = page.getByTestId("now-playing-title");
  const rows = page.getByTestId("recent-play");
  await expect(title).toHaveText(track.name);
  await expect(rows).toHaveCount(20);
  await expect(page.locator("main img:not([data-loaded])")).toHaveCount(0);

  // 40 s of listening makes it a play in Spotify's history; the skip ends it.
  await emulator.advanceClock(40_000);
  const next = await emulator.player("rory", { action: "skip" });
  await expect(async () => {
    await page.evaluate(() => window.dispatchEvent(new Event("visibilitychange")));
    await expect(title).toHaveText(next.item!.name, { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await expect(rows.first()).toContainText(track.name);
  await expect(rows).toHaveCount(21);
  await expect(page.locator("main img:not([data-loaded])")).toHaveCount(0);
  await page.waitForTimeout(1_000);

  expect(await shifts()).toEqual([]);
});
