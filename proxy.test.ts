// Which requests pass through proxy.ts: pages (and next-auth's /api/auth/*) do; every other route
// under /api/ and the static assets do not, by prefix, so that a new JSON route needs no entry here.
import { unstable_doesMiddlewareMatch } from "next/experimental/testing/server";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { config, proxy } from "./proxy";

const runs = (url: string) => unstable_doesMiddlewareMatch({ config, url });

describe("proxy.ts matcher", () => {
  it("runs for pages", () => {
    for (const url of ["/", "/dashboard", "/settings", "/signin?callbackUrl=%2Fdashboard", "/auth/error"]) {
      expect(runs(url), url).toBe(true);
    }
  });

  it("runs for next-auth's routes, which do not answer through lib/api/route-handler.ts", () => {
    expect(runs("/api/auth/session")).toBe(true);
    expect(runs("/api/auth/callback/spotify?code=x")).toBe(true);
  });

  it("skips every other route under /api/, including ones that do not exist yet", () => {
    for (const url of [
      "/api/health",
      "/api/spotify/player",
      "/api/spotify/recently-played?limit=5",
      "/api/history",
      "/api/some/new/route",
      "/api/authors",
    ]) {
      expect(runs(url), url).toBe(false);
    }
  });

  it("skips static build assets", () => {
    expect(runs("/_next/static/chunks/main.js")).toBe(false);
    expect(runs("/favicon.ico")).toBe(false);
  });

  it("skips public/'s static files, which carry next.config.mjs's closed policy", () => {
    for (const url of [
      "/robots.txt",
      "/manifest.webmanifest",
      "/apple-touch-icon.png",
      "/icons/icon-192.png",
      "/icons/icon-512.png",
      "/icons/icon-maskable-512.png",
    ]) {
      expect(runs(url), url).toBe(false);
    }
    // The exclusions are exact: pages that merely start alike still get the proxy.
    for (const url of ["/robots.txt.html", "/iconsets", "/manifest"]) expect(runs(url), url).toBe(true);
  });
});

describe("proxy.ts and stale session chunks", () => {
  it("expires next-auth.session-token.N chunks (never Earshot's own), and nothing else", () => {
    const request = new NextRequest("http://127.0.0.1:3000/dashboard", {
      headers: {
        cookie: [
          "next-auth.session-token=whole",
          "next-auth.session-token.0=stale",
          "__Secure-next-auth.session-token.1=stale",
          "next-auth.csrf-token=keep",
        ].join("; "),
      },
    });
    const cleared = proxy(request)
      .headers.getSetCookie()
      .map((header) => header.split(";")[0]);
    expect(cleared.sort()).toEqual(["__Secure-next-auth.session-token.1=", "next-auth.session-token.0="]);
    const secure = proxy(request)
      .headers.getSetCookie()
      .find((header) => header.startsWith("__Secure-"));
    expect(secure).toMatch(/Max-Age=0/i);
    expect(secure).toMatch(/Secure/);
    expect(secure).toMatch(/Path=\//);
  });

  it("hides the chunks from the request it passes on, which next-auth would join to the session", () => {
    const request = new NextRequest("http://127.0.0.1:3000/api/auth/session", {
      headers: { cookie: "a=1; next-auth.session-token=whole; next-auth.session-token.0=stale; b=2" },
    });
    const response = proxy(request);
    // How Next.js hands the rewritten request headers to the route (NextResponse.next({ request })).
    expect(response.headers.get("x-middleware-request-cookie")).toBe(
      "a=1; next-auth.session-token=whole; b=2",
    );
  });

  it("sets no cookie when there is nothing stale", () => {
    const request = new NextRequest("http://127.0.0.1:3000/", {
      headers: { cookie: "next-auth.session-token=whole" },
    });
    expect(proxy(request).headers.getSetCookie()).toEqual([]);
  });
});
