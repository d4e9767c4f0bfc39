// Signs a demo listener in without a browser: next-auth's CSRF + sign-in POST, the emulator's consent
// form, and the callback, with Playwright's request context keeping the cookies across origins.
import { request } from "@playwright/test";

export async function signInCookie(appUrl: string, listener = "rory"): Promise<string> {
  const context = await request.newContext({ baseURL: appUrl });
  try {
    const { csrfToken } = (await (await context.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const start = await context.post("/api/auth/signin/spotify", {
      form: { csrfToken, callbackUrl: `${appUrl}/api/health`, json: "true" },
    });
    const { url: authorizeUrl } = (await start.json()) as { url: string };
    const consent = await (await context.get(authorizeUrl)).text();
    const form: Record<string, string> = { listener, decision: "agree" };
    for (const match of consent.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
      form[match[1]!] = match[2]!
        .replace(/&amp;/g, "&")
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'");
    }
    const done = await context.post(new URL("/authorize/decision", authorizeUrl).toString(), { form });
    if (!done.url().endsWith("/api/health")) throw new Error(`sign-in ended at ${done.url()}`);
    const cookies = (await context.storageState()).cookies.filter((c) => c.name.includes("session-token"));
    if (cookies.length === 0) throw new Error("no session cookie after sign-in");
    return cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  } finally {
    await context.dispose();
  }
}
