import { expect, test } from "./fixtures/test";

test("the home page introduces Earshot and offers to sign in with Spotify", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveTitle("Earshot");
  await expect(page.getByRole("heading", { level: 1, name: "Earshot" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign in with Spotify" })).toBeEnabled();
  // No SPOTIFY_CLIENT_ID in the test server: the page says it runs on the emulator.
  await expect(page.getByText("Demo", { exact: true })).toBeVisible();
  await expect(page.getByText(/built-in Spotify emulator/)).toBeVisible();
});

test("the health route answers without a session", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ ok: true });
});
