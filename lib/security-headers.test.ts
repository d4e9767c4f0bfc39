import { describe, expect, it } from "vitest";
import { sessionCookieName } from "@/lib/auth/session-cookie";
import { parseConfig } from "@/lib/config/env";
import { contentSecurityPolicy, HSTS, perRequestSecurityHeaders, scriptNonce } from "./security-headers";

const directives = (csp: string) =>
  Object.fromEntries(csp.split("; ").map((d) => [d.split(" ")[0], d.split(" ").slice(1)]));

describe("contentSecurityPolicy", () => {
  it("lets Earshot's own pages frame a share overlay, and keeps search engines off /share/", () => {
    const config = parseConfig({});
    const overlay = perRequestSecurityHeaders(config, "n", {
      dev: false,
      https: false,
      path: "/share/x/overlay",
    });
    expect(directives(overlay["Content-Security-Policy"]!)["frame-ancestors"]).toEqual(["'self'"]);
    expect(overlay["X-Robots-Tag"]).toContain("noindex");
    const dashboard = perRequestSecurityHeaders(config, "n", {
      dev: false,
      https: false,
      path: "/dashboard",
    });
    expect(directives(dashboard["Content-Security-Policy"]!)["frame-ancestors"]).toEqual(["'none'"]);
    expect(dashboard["X-Robots-Tag"]).toBeUndefined();
  });

  it("locks scripts to the nonce and forbids plugins, base tags and framing", () => {
    const csp = directives(contentSecurityPolicy(parseConfig({}), "abc", false));
    expect(csp["script-src"]).toEqual(["'self'", "'nonce-abc'", "'strict-dynamic'"]);
    expect(csp["object-src"]).toEqual(["'none'"]);
    expect(csp["base-uri"]).toEqual(["'none'"]);
    expect(csp["frame-ancestors"]).toEqual(["'none'"]);
  });

  it("allows the emulator's covers in demo mode only", () => {
    const demo = directives(contentSecurityPolicy(parseConfig({ EMULATOR_PORT: "4600" }), "n", false));
    expect(demo["img-src"]).toContain("http://127.0.0.1:4600");
    const real = directives(
      contentSecurityPolicy(
        parseConfig({ SPOTIFY_CLIENT_ID: "a", SPOTIFY_CLIENT_SECRET: "b", NEXTAUTH_SECRET: "s".repeat(32) }),
        "n",
        false,
      ),
    );
    expect(real["img-src"]).toContain("https://i.scdn.co");
    expect(real["img-src"]!.some((src: string) => src.startsWith("http://"))).toBe(false);
  });

  it("permits eval only for the dev server", () => {
    expect(contentSecurityPolicy(parseConfig({}), "n", true)).toContain("'unsafe-eval'");
    expect(contentSecurityPolicy(parseConfig({}), "n", false)).not.toContain("'unsafe-eval'");
  });

  it("upgrades insecure requests and uses the __Secure- cookie when served over https", () => {
    const config = parseConfig({ NEXTAUTH_URL: "https://earshot.example.com" });
    expect(config.auth.secure).toBe(true);
    expect(contentSecurityPolicy(config, "n", false)).toContain("upgrade-insecure-requests");
    expect(sessionCookieName(true)).toBe("__Secure-next-auth.session-token");
    expect(sessionCookieName(false)).toBe("next-auth.session-token");
  });

  it("adds HSTS over https only", () => {
    const https = perRequestSecurityHeaders(parseConfig({ NEXTAUTH_URL: "https://e.example" }), "n", {
      dev: false,
      https: false,
    });
    expect(https["Strict-Transport-Security"]).toBe(HSTS);
    const behindTls = perRequestSecurityHeaders(parseConfig({}), "n", { dev: false, https: true });
    expect(behindTls["Strict-Transport-Security"]).toBe(HSTS);
    const plain = perRequestSecurityHeaders(parseConfig({}), "n", { dev: false, https: false });
    expect(plain["Strict-Transport-Security"]).toBeUndefined();
  });
});

describe("scriptNonce", () => {
  it("finds the nonce of the policy that proxy.ts wrote, and nothing in a policy without one", () => {
    const config = parseConfig({});
    expect(scriptNonce(contentSecurityPolicy(config, "bm9uY2U=", false))).toBe("bm9uY2U=");
    expect(scriptNonce("default-src 'self'")).toBeUndefined();
    expect(scriptNonce(null)).toBeUndefined();
  });
});
