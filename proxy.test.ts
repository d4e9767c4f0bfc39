// Which requests pass through proxy.ts: pages (and next-auth's /api/auth/*) do; every other route
// under /api/ and the static assets do not, by prefix, so that a new JSON route needs no entry here.
import { unstable_doesMiddlewareMatch } from "next/experimental/testing/server";
import { describe, expect, it } from "vitest";
import { config } from "./proxy";

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
