// Sign-in, sign-out and the sign-in failures, through the emulator's real consent page.
import { emulator, expect, signIn, test } from "./fixtures/test";
import { APP_URL } from "./fixtures/urls";

test("a listener signs in through Spotify's consent page and lands on the dashboard", async ({ page }) => {
  await signIn(page, "maya");
  await expect(page).toHaveURL(/\/dashboard$/);
  const session = await (await page.request.get("/api/auth/session")).json();
  // The browser sees who is signed in, and nothing else.
  expect(session.user).toEqual({ name: "Maya Chen", image: null });
  expect(Object.keys(session).sort()).toEqual(["expires", "user"]);
  const counters = await emulator.counters();
  expect(counters.codeGrants).toBe(1);
});

test("the authorization request uses PKCE (S256) and state, and asks for the app's scopes", async ({
  page,
}) => {
  await page.goto("/signin");
  await page.getByRole("button", { name: "Sign in with Spotify" }).click();
  await page.waitForURL(`${emulator.url}/authorize**`);
  const url = new URL(page.url());
  expect(url.searchParams.get("code_challenge_method")).toBe("S256");
  expect(url.searchParams.get("code_challenge")).toMatch(/^[A-Za-z0-9_-]{43}$/);
  expect(url.searchParams.get("state")).toBeTruthy();
  expect(url.searchParams.get("redirect_uri")).toBe(`${APP_URL}/api/auth/callback/spotify`);
  expect(url.searchParams.get("scope")?.split(" ").sort()).toEqual(
    [
      "user-read-currently-playing",
      "user-read-email",
      "user-read-playback-state",
      "user-read-private",
      "user-read-recently-played",
    ].sort(),
  );
});

test("a signed-out visitor of the dashboard is sent to sign in and comes back after it", async ({ page }) => {
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fdashboard/);
  await expect(page.getByText("Sign in to continue.")).toBeVisible();
  await page.getByRole("button", { name: "Sign in with Spotify" }).click();
  await page.waitForURL(`${emulator.url}/authorize**`);
  await page.getByRole("button", { name: "Agree" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
});

test("signing out ends the session", async ({ page }) => {
  await signIn(page);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("button", { name: "Sign in with Spotify" })).toBeVisible();
  expect(await (await page.request.get("/api/auth/session")).json()).toEqual({});
  const api = await page.request.get("/api/spotify/player");
  expect(api.status()).toBe(401);
  expect((await api.json()).error.code).toBe("unauthenticated");
});

test("Cancel on the consent page shows Earshot's error page with a way to try again", async ({ page }) => {
  await page.goto("/signin");
  await page.getByRole("button", { name: "Sign in with Spotify" }).click();
  await page.waitForURL(`${emulator.url}/authorize**`);
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(page).toHaveURL(/\/auth\/error\?error=AccessDenied/);
  await expect(page.getByRole("heading", { name: "Spotify access was not granted" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Try again" })).toBeVisible();
  expect((await emulator.counters()).codeGrants).toBe(0);
});

test("Cancel on the consent page clears the sign-in's state and PKCE cookies", async ({ page, context }) => {
  const flowCookies = async () =>
    (await context.cookies())
      .map((cookie) => cookie.name)
      .filter((name) => /next-auth\.(state|pkce\.code_verifier)$/.test(name))
      .sort();
  await page.goto("/signin");
  await page.getByRole("button", { name: "Sign in with Spotify" }).click();
  await page.waitForURL(`${emulator.url}/authorize**`);
  expect(await flowCookies()).toEqual(["next-auth.pkce.code_verifier", "next-auth.state"]);
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(page).toHaveURL(/\/auth\/error\?error=AccessDenied/);
  expect(await flowCookies()).toEqual([]);
});

for (const tampering of ["altered", "missing"] as const) {
  test(`a callback with ${tampering} state is refused before any token request`, async ({ page }) => {
    await page.goto("/signin");
    await page.getByRole("button", { name: "Sign in with Spotify" }).click();
    await page.waitForURL(`${emulator.url}/authorize**`);
    // The consent form carries the state back to the redirect: change it as an attacker would.
    await page.locator('input[name="state"]').evaluate((input: HTMLInputElement, how) => {
      if (how === "missing") input.remove();
      else input.value = `${input.value}x`;
    }, tampering);
    await page.getByRole("button", { name: "Agree" }).click();
    await expect(page).toHaveURL(/\/auth\/error\?error=/);
    await expect(page.getByRole("heading", { name: "Sign-in could not be completed" })).toBeVisible();
    const counters = await emulator.counters();
    expect(counters.requests["POST /api/token"] ?? 0).toBe(0);
    expect(counters.codeGrants).toBe(0);
    expect(await (await page.request.get("/api/auth/session")).json()).toEqual({});
  });
}
