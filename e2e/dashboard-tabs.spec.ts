// The dashboard as one of many tabs: a hidden tab asks nothing, a tab coming back asks at once, the
// header says who is signed in, and the page runs clean under its Content-Security-Policy.
import { emulator, expect, signIn, test } from "./fixtures/test";
import { setHidden } from "./fixtures/visibility";

test("a hidden tab sends no requests, and shows the current track as soon as it is back", async ({
  page,
}) => {
  const { library } = await emulator.listener("rory");
  const first = library.tracks[1]!;
  await emulator.player("rory", { action: "play", uri: first.uri, positionMs: first.durationMs - 6_000 });
  await signIn(page);
  await expect(page.getByTestId("now-playing-title")).toHaveText(first.name);
  // Let the first load's follow-ups (recent plays) settle. The card comes drawn in the page, so the
  // title alone does not say that the scripts have run and asked for the list.
  await expect(page.getByTestId("recent-play").first()).toBeVisible();
  await page.waitForLoadState("networkidle");

  const requests: string[] = [];
  page.on("request", (request) => {
    if (new URL(request.url()).pathname.startsWith("/api/")) requests.push(request.url());
  });
  await setHidden(page, true);
  // The track ends while the tab is hidden: a visible dashboard would poll for the next one.
  await page.waitForTimeout(12_000);
  expect(requests).toEqual([]);
  const counters = await emulator.counters();

  await setHidden(page, false);
  const next = (await emulator.listener("rory")).item!;
  expect(next.uri).not.toBe(first.uri);
  await expect(page.getByTestId("now-playing-title")).toHaveText(next.name, { timeout: 3_000 });
  expect((await emulator.counters()).upstreamByListener.rory).toBeGreaterThan(
    counters.upstreamByListener.rory ?? 0,
  );
});

test("the header shows the listener, the Demo badge and signs out; the page breaks no CSP rule", async ({
  page,
}) => {
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(message.text());
  });
  page.on("pageerror", (error) => problems.push(error.message));
  await signIn(page, "maya");
  await expect(page.getByTestId("now-playing")).toBeVisible();
  await expect(page.getByRole("banner")).toContainText("Maya Chen");
  await expect(page.getByTestId("demo-badge")).toHaveText("Demo");
  // Covers come from the emulator, which the policy allows in demo mode: every image loaded.
  await page.waitForLoadState("networkidle");
  const broken = await page
    .locator("img")
    .evaluateAll((imgs) =>
      (imgs as HTMLImageElement[])
        .filter((img) => img.complete && img.naturalWidth === 0)
        .map((img) => img.src),
    );
  expect(broken).toEqual([]);
  expect(problems.filter((p) => /Content Security Policy|Refused to/i.test(p))).toEqual([]);
  expect(problems).toEqual([]);
});
