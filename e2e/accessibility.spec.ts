// axe-core on every page, in light and dark, on a desktop and a phone: no violations at all. Pages
// are checked once they have settled (live data in, covers faded in), since what a person reads is
// the settled page; the WCAG 2.x A and AA rules plus axe's best practices.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { emulator, expect, signIn, store, test } from "./fixtures/test";

const VIEWPORTS = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 390, height: 844 },
} as const;
const SCHEMES = ["light", "dark"] as const;

async function violations(page: Page) {
  const { violations } = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"])
    .analyze();
  // Readable on failure: rule, impact and where.
  return violations.map((v) => ({
    rule: v.id,
    impact: v.impact,
    help: v.help,
    targets: v.nodes.map((node) => `${node.target.join(" ")}: ${node.failureSummary ?? ""}`),
  }));
}

/** Waits until nothing on the dashboard is loading or fading in. */
async function dashboardSettled(page: Page) {
  await expect(page.getByTestId("now-playing")).toHaveAttribute("data-status", "playing");
  await expect(page.getByTestId("recent-play")).toHaveCount(20);
  await expect(page.locator("main img:not([data-loaded])")).toHaveCount(0);
  // The fade-in lasts 300 ms.
  await page.waitForTimeout(400);
}

for (const scheme of SCHEMES) {
  for (const [device, viewport] of Object.entries(VIEWPORTS)) {
    test(`no axe violations on any page: ${scheme}, ${device}`, async ({ page }) => {
      // Eight pages, each analysed in full: axe takes a while on a busy 2-core machine.
      test.setTimeout(240_000);
      await page.setViewportSize(viewport);
      await page.emulateMedia({ colorScheme: scheme });

      const { library } = await emulator.listener("rory");
      await emulator.player("rory", { action: "play", uri: library.tracks[0]!.uri });

      const found: Record<string, unknown> = {};
      await page.goto("/");
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      found.home = await violations(page);

      await page.goto("/signin");
      await expect(page.getByRole("button", { name: "Sign in with Spotify" })).toBeVisible();
      found.signin = await violations(page);

      await page.goto("/auth/error?error=AccessDenied");
      await expect(page.getByTestId("auth-error-detail")).toBeVisible();
      found.authError = await violations(page);

      await signIn(page);
      await dashboardSettled(page);
      found.dashboard = await violations(page);

      // Settings with sharing on: its links, options and the two previews.
      await page.goto("/settings");
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await page.getByLabel("Share what I am playing").check();
      const overlayUrl = await page.getByLabel("Overlay link (OBS browser source)").inputValue();
      // The overlay preview holds a stream open, so the network never idles: wait for what shows.
      await expect(
        page.frameLocator('iframe[title="Overlay preview"]').getByTestId("share-overlay"),
      ).toHaveAttribute("data-state", "playing");
      await expect
        .poll(() => page.getByAltText("Card preview").evaluate((img: HTMLImageElement) => img.naturalWidth))
        .toBeGreaterThan(0);
      found.settings = await violations(page);

      // The share overlay as OBS shows it (transparent, the default).
      await page.goto(overlayUrl);
      await expect(page.getByTestId("share-overlay")).toHaveAttribute("data-state", "playing");
      found.overlay = await violations(page);

      // The history, with its rows (written through by the dashboard above) and a gap among them.
      const userId = await store.userId("rory");
      await store.addGap(userId, Date.now() - 40 * 60_000, Date.now() - 30 * 60_000);
      await page.goto("/history");
      await expect(page.getByTestId("history-play").first()).toBeVisible();
      await expect(page.getByTestId("coverage-gap")).toBeVisible();
      await expect(page.locator("main img:not([data-loaded])")).toHaveCount(0);
      await page.waitForTimeout(400);
      found.history = await violations(page);

      await page.goto("/import");
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await page.waitForLoadState("networkidle");
      found.import = await violations(page);

      expect(found).toEqual({
        home: [],
        signin: [],
        authError: [],
        dashboard: [],
        settings: [],
        overlay: [],
        history: [],
        import: [],
      });
    });
  }
}
