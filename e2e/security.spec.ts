// Spotify's tokens stay on the server; every response carries the security headers; the session
// cookie is locked down.
import type { Response } from "@playwright/test";
import { emulator, expect, signIn, test } from "./fixtures/test";

test("no Spotify token appears in anything the browser receives during a whole session", async ({ page }) => {
  test.slow();
  await emulator.configure({ accessTokenLifetimeSec: 5 });
  const received: { url: string; text: string }[] = [];
  const pending: Promise<void>[] = [];
  page.on("response", (response: Response) => {
    pending.push(
      (async () => {
        const headers = JSON.stringify(await response.allHeaders());
        // Redirects have no readable body; their headers (Location, Set-Cookie) are still searched.
        const body =
          response.status() >= 300 && response.status() < 400 ? "" : await response.text().catch(() => "");
        received.push({ url: response.url(), text: headers + body });
      })(),
    );
  });

  await signIn(page);
  await expect(page.getByTestId("now-playing-title")).not.toBeEmpty();
  await page.waitForTimeout(6_000); // past one token lifetime, so a refresh happens in this session
  await emulator.player("rory", { action: "skip" });
  await expect
    .poll(async () => (await emulator.counters()).refreshGrants, { timeout: 20_000 })
    .toBeGreaterThan(0);
  await page.evaluate(() => fetch("/api/auth/session").then((r) => r.text()));
  await page.evaluate(() => fetch("/api/spotify/recently-played?limit=5").then((r) => r.text()));
  await page.reload();
  await expect(page.getByTestId("now-playing-title")).not.toBeEmpty();
  await Promise.all(pending);

  const { accessTokens, refreshTokens } = await emulator.tokens();
  expect(accessTokens.length).toBeGreaterThanOrEqual(2);
  expect(received.length).toBeGreaterThan(10);
  for (const token of [...accessTokens, ...refreshTokens]) {
    const leaks = received.filter((r) => r.text.includes(token)).map((r) => r.url);
    expect(leaks, `token ${token.slice(0, 6)}… leaked`).toEqual([]);
  }
  // Nor in the page's own script-visible state.
  const cookiesVisibleToScripts = await page.evaluate(() => document.cookie);
  expect(cookiesVisibleToScripts).not.toContain("session-token");
});

test("pages and API responses carry a strict Content-Security-Policy and the other security headers", async ({
  page,
  request,
}) => {
  const response = await page.goto("/");
  const headers = response!.headers();
  const csp = headers["content-security-policy"]!;
  expect(csp).toContain("object-src 'none'");
  expect(csp).toContain("base-uri 'none'");
  expect(csp).toContain("frame-ancestors 'none'");
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  expect(nonce).toBeTruthy();
  expect(csp).not.toContain("unsafe-eval");
  expect(csp).toMatch(/img-src [^;]*https:\/\/i\.scdn\.co/);
  expect(csp).toMatch(new RegExp(`img-src [^;]*${emulator.url.replace(/\./g, "\\.")}`));
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  // Over plain http (the loopback demo) there is no HSTS; lib/security-headers.test.ts covers https.
  expect(headers["strict-transport-security"]).toBeUndefined();

  // Every script of the page carries this response's nonce, and the page works under the policy.
  const scriptNonces = await page
    .locator("script")
    .evaluateAll((scripts) => scripts.map((s) => (s as HTMLScriptElement).nonce));
  expect(scriptNonces.length).toBeGreaterThan(0);
  expect(new Set(scriptNonces)).toEqual(new Set([nonce]));
  await expect(page.getByRole("button", { name: "Sign in with Spotify" })).toBeEnabled();

  // A second request gets a different nonce.
  const again = (await request.get("/")).headers()["content-security-policy"]!;
  expect(/'nonce-([^']+)'/.exec(again)?.[1]).not.toBe(nonce);

  const api = await request.get("/api/spotify/currently-playing");
  expect(api.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(api.headers()["x-content-type-options"]).toBe("nosniff");
  expect(api.headers()["cache-control"]).toBe("private, no-store");
});

test("the session cookie is httpOnly and SameSite=Lax", async ({ page, context }) => {
  await signIn(page);
  const session = (await context.cookies()).find((c) => c.name === "next-auth.session-token");
  expect(session).toBeDefined();
  expect(session!.httpOnly).toBe(true);
  expect(session!.sameSite).toBe("Lax");
  // Plain http on loopback: not Secure here; on https next-auth and lib/auth/session-cookie.ts add
  // Secure and the __Secure- prefix (lib/security-headers.test.ts).
  expect(session!.secure).toBe(false);
  // PKCE and state cookies were spent on the callback.
  const leftovers = (await context.cookies()).filter((c) => /pkce|state/.test(c.name) && c.value);
  expect(leftovers).toEqual([]);
});
