// Token refresh end to end: one refresh grant per expiry, the tokens kept in the database, under both of
// Spotify's refresh behaviours; and what happens when Spotify revokes the refresh token.
import type { Page } from "@playwright/test";
import { emulator, expect, parkOnQuietPage, signIn, test } from "./fixtures/test";

const LIFETIME_S = 5;

/** Fires `n` API requests at once from the page and returns their statuses. */
async function burst(page: Page, n: number): Promise<number[]> {
  return page.evaluate(
    (count) =>
      Promise.all(
        Array.from({ length: count }, () =>
          fetch("/api/spotify/currently-playing", { cache: "no-store" }).then((r) => r.status),
        ),
      ),
    n,
  );
}

for (const refreshPolicy of ["keep", "rotate"] as const) {
  test.describe(`refresh policy "${refreshPolicy}"`, () => {
    test("twenty concurrent requests at each of three expiries cost one refresh grant each", async ({
      page,
    }) => {
      test.slow();
      await emulator.configure({ accessTokenLifetimeSec: LIFETIME_S, refreshPolicy });
      await signIn(page);
      // Leave the dashboard so that its polling does not refresh in between: this test counts exactly.
      await parkOnQuietPage(page);
      for (let expiry = 1; expiry <= 3; expiry++) {
        await page.waitForTimeout(LIFETIME_S * 1000 + 500);
        const statuses = await burst(page, 20);
        expect(statuses).toEqual(Array(20).fill(200));
        expect((await emulator.counters()).refreshGrants).toBe(expiry);
        // The refreshed token was persisted: the next request does not refresh again.
        expect(await burst(page, 1)).toEqual([200]);
        expect((await emulator.counters()).refreshGrants).toBe(expiry);
      }
      expect((await emulator.counters()).tokenErrors).toBe(0);
    });

    test("the dashboard keeps working across expiries with no wasted refresh", async ({ page }) => {
      test.slow();
      await emulator.configure({ accessTokenLifetimeSec: LIFETIME_S, refreshPolicy });
      await signIn(page);
      await expect(page.getByTestId("now-playing-title")).not.toBeEmpty();
      for (let expiry = 0; expiry < 3; expiry++) {
        await page.waitForTimeout(LIFETIME_S * 1000 + 500);
        // A skip makes the dashboard poll (and so refresh) soon, as a real listener would.
        await emulator.player("rory", { action: "skip" });
        await page.bringToFront();
        await expect
          .poll(async () => (await emulator.counters()).refreshGrants, { timeout: 20_000 })
          .toBeGreaterThan(expiry);
      }
      const counters = await emulator.counters();
      const tokensUsed = Object.keys(counters.requestsByAccessToken).length;
      // Every refresh grant produced a token that was then used: none was spent twice or for nothing.
      expect(counters.refreshGrants).toBe(tokensUsed - 1);
      expect(counters.tokenErrors).toBe(0);
      await expect(page.getByText(/sign in again/i)).toHaveCount(0);
    });
  });
}

test("a revoked refresh token asks the listener to sign in again, and signing in restores the dashboard", async ({
  page,
}) => {
  test.slow();
  await emulator.configure({ accessTokenLifetimeSec: LIFETIME_S });
  await signIn(page);
  await expect(page.getByTestId("now-playing-title")).not.toBeEmpty();
  await emulator.revoke({ listener: "rory" });
  await page.waitForTimeout(LIFETIME_S * 1000 + 500);

  const api = await page.request.get("/api/spotify/player");
  expect(api.status()).toBe(401);
  expect((await api.json()).error.code).toBe("reauth_required");
  const session = await (await page.request.get("/api/auth/session")).json();
  expect(session.error).toBe("reauth_required");

  // The dashboard notices on its next poll (a skip makes that soon) and stops polling.
  await emulator.player("rory", { action: "skip" });
  const signInAgain = page.getByRole("button", { name: /sign in again/i });
  await expect(signInAgain).toBeVisible({ timeout: 20_000 });
  const grantsWhenMarked = (await emulator.counters()).tokenErrors;
  await page.waitForTimeout(3_000);
  // Nothing retries the dead refresh token in a loop.
  expect((await emulator.counters()).tokenErrors).toBe(grantsWhenMarked);

  await signInAgain.click();
  await page.waitForURL(`${emulator.url}/authorize**`);
  await page.getByRole("button", { name: "Agree" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByTestId("now-playing-title")).not.toBeEmpty();
  expect((await page.request.get("/api/spotify/player")).status()).toBe(200);
});

test("a Spotify outage during refresh does not sign anyone out", async ({ page }) => {
  await emulator.configure({ accessTokenLifetimeSec: LIFETIME_S });
  await signIn(page);
  await parkOnQuietPage(page);
  await page.waitForTimeout(LIFETIME_S * 1000 + 500);
  await emulator.fault({ path: "/api/token", count: 1, fault: { status: 503, body: "Service Unavailable" } });
  const during = await page.request.get("/api/spotify/currently-playing");
  expect(during.status()).toBe(502);
  expect((await during.json()).error.code).toBe("upstream_error");
  // Within the back-off step (1 s after a first failure) nobody asks the Accounts service again.
  const tokenCalls = async () => (await emulator.counters()).requests["POST /api/token"] ?? 0;
  const calls = await tokenCalls();
  expect((await page.request.get("/api/spotify/currently-playing")).status()).toBe(502);
  expect(await tokenCalls()).toBe(calls);
  // Once the Accounts service answers again, the next step refreshes, and the same session works.
  await page.waitForTimeout(1_100);
  const after = await page.request.get("/api/spotify/currently-playing");
  expect(after.status()).toBe(200);
  expect((await page.request.get("/api/auth/session")).ok()).toBe(true);
  expect((await (await page.request.get("/api/auth/session")).json()).error).toBeUndefined();
});
