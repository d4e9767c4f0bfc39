// The account controls against the real app, its embedded database and the emulator: pause and
// resume recording, sign out everywhere, delete all my data, a revoked sign-in, and bad requests.
import type { Page } from "@playwright/test";
import { emulator, expect, signIn, test } from "./fixtures/test";
import { APP_URL } from "./fixtures/urls";

type Status = { paused: boolean; reauthRequired: boolean; plays: number; lastSyncedAt: string | null };

const status = (page: Page) =>
  page.evaluate(() =>
    fetch("/api/account", { cache: "no-store" }).then(async (r) => ({
      code: r.status,
      body: await r.json(),
    })),
  );

test("pause and resume recording from the settings page", async ({ page }) => {
  await signIn(page);
  // The dashboard's own fetch of recent plays is stored and counts as a sync.
  await expect(page.getByTestId("recent-play").first()).toBeVisible();
  await page.goto("/settings");
  await expect(page.getByTestId("recording-status")).toContainText(
    /Recording is on: last synced (just now|\d+ min ago)/,
  );
  await page.getByRole("button", { name: "Pause recording" }).click();
  await expect(page.getByTestId("recording-status")).toContainText("Recording is paused");
  await page.reload();
  await expect(page.getByTestId("recording-status")).toContainText("Recording is paused");
  expect(((await status(page)).body as Status).paused).toBe(true);
  await page.getByRole("button", { name: "Resume recording" }).click();
  await expect(page.getByTestId("recording-status")).toContainText("Recording is on");
  expect(((await status(page)).body as Status).paused).toBe(false);
});

test("sign out everywhere ends the sessions of every browser", async ({ page, browser }) => {
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signIn(otherPage);
  await signIn(page, "rory", "/settings");
  await page.getByRole("button", { name: "Sign out everywhere" }).click();
  await page.waitForURL(`${APP_URL}/`);
  // The other browser's cookie names a session that no longer exists.
  const api = await otherPage.evaluate(() => fetch("/api/spotify/currently-playing").then((r) => r.status));
  expect(api).toBe(401);
  await otherPage.goto("/dashboard");
  await otherPage.waitForURL(/\/signin/);
  await page.goto("/dashboard");
  await page.waitForURL(/\/signin/);
  await other.close();
});

test("signing out ends the server-side session: a copy of the old cookie opens nothing", async ({
  page,
  context,
}) => {
  await signIn(page);
  const copied = (await context.cookies()).find((cookie) => cookie.name.endsWith("session-token"))!;
  expect((await status(page)).code).toBe(200);
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL(`${APP_URL}/`);
  // Someone who kept the cookie (a stolen copy, another tab's) gets nothing with it.
  await context.addCookies([copied]);
  expect((await status(page)).code).toBe(401);
});

test("delete all my data asks for the phrase, then removes every play and the sign-in", async ({ page }) => {
  await signIn(page);
  await expect(page.getByTestId("recent-play").first()).toBeVisible();
  await page.goto("/settings");
  const before = (await status(page)).body as Status;
  expect(before.plays).toBeGreaterThan(0);

  await page.getByRole("button", { name: "Delete all my data…" }).click();
  const confirm = page.getByRole("button", { name: "Delete everything" });
  await expect(confirm).toBeDisabled();
  await page.getByLabel(/Type delete my data to confirm/).fill("delete my data");
  await confirm.click();
  await page.waitForURL(`${APP_URL}/`);
  expect((await status(page)).code).toBe(401);

  // Signing in again starts from nothing.
  await signIn(page, "rory", "/settings");
  const after = (await status(page)).body as Status;
  expect(after.plays).toBe(0);
});

test("a revoked sign-in stops recording, and the pages say to sign in again", async ({ page }) => {
  await emulator.configure({ accessTokenLifetimeSec: 3 });
  await signIn(page, "rory", "/settings");
  await emulator.revoke({ listener: "rory" });
  await page.waitForTimeout(3_500);
  // The next use of the expired token finds the refresh token refused.
  expect((await page.evaluate(() => fetch("/api/spotify/player").then((r) => r.json()))).error.code).toBe(
    "reauth_required",
  );
  await page.reload();
  await expect(page.getByTestId("recording-status")).toContainText("Recording stopped");
  await expect(page.getByTestId("recording-status")).toContainText("Sign in again");
  await expect(page.getByRole("button", { name: "Pause recording" })).toBeDisabled();
  await page.goto("/dashboard");
  await expect(page.getByText(/sign in again/i).first()).toBeVisible();
  await page.goto("/");
  await expect(page.getByText("Spotify no longer accepts your sign-in")).toContainText(
    "recording has stopped. Sign in again",
  );
});

test("account routes refuse bad input and cross-site requests with a JSON error", async ({ page }) => {
  await signIn(page, "rory", "/settings");
  const call = (path: string, init: { method: string; body?: string; type?: string }) =>
    page.evaluate(
      async ({ path, init }) => {
        const r = await fetch(path, {
          method: init.method,
          headers: init.type ? { "content-type": init.type } : {},
          body: init.body,
        });
        return { status: r.status, body: await r.json() };
      },
      { path, init },
    );
  const bad = await call("/api/account/recording", {
    method: "PUT",
    body: '{"paused":"yes"}',
    type: "application/json",
  });
  expect(bad).toEqual({
    status: 400,
    body: { error: { code: "invalid_request", message: "paused must be true or false" } },
  });
  const notJson = await call("/api/account/recording", {
    method: "PUT",
    body: "paused=true",
    type: "text/plain",
  });
  expect(notJson.status).toBe(400);
  const wrongPhrase = await call("/api/account", {
    method: "DELETE",
    body: '{"confirm":"yes"}',
    type: "application/json",
  });
  expect(wrongPhrase).toMatchObject({ status: 400, body: { error: { code: "invalid_request" } } });
  const wrongMethod = await call("/api/account/sessions", { method: "POST" });
  expect(wrongMethod).toMatchObject({ status: 405, body: { error: { code: "method_not_allowed" } } });
  expect((await status(page)).code).toBe(200); // nothing was deleted

  // A request from another site carries the cookie (a top-level form post would), but not our Origin.
  const crossSite = await page.request.delete(`${APP_URL}/api/account/sessions`, {
    headers: { origin: "https://evil.example" },
  });
  expect(crossSite.status()).toBe(403);
  expect(await crossSite.json()).toMatchObject({ error: { code: "forbidden" } });
  expect((await status(page)).code).toBe(200);
});
