import { createHash } from "node:crypto";
import { hostname } from "node:os";
import { describe, expect, it, vi } from "vitest";
import { ConfigError, DEMO_CLIENT, parseConfig } from "./env";

const secret = "x".repeat(44);

describe("parseConfig", () => {
  it("runs the demo against the emulator when no Spotify client is configured", () => {
    const config = parseConfig({});
    expect(config.mode).toBe("demo");
    expect(config.spotify).toEqual({
      clientId: DEMO_CLIENT.id,
      clientSecret: DEMO_CLIENT.secret,
      accountsUrl: "http://127.0.0.1:4555",
      apiUrl: "http://127.0.0.1:4555",
      shareMs: 1_000,
    });
    expect(config.auth.url).toBe("http://127.0.0.1:3000");
    expect(config.auth.secret.length).toBeGreaterThanOrEqual(32);
    expect(config.auth.secure).toBe(false);
  });

  it("follows EMULATOR_PORT in demo mode and treats blank values as unset", () => {
    const config = parseConfig({ EMULATOR_PORT: "4600", SPOTIFY_CLIENT_ID: "  ", NEXTAUTH_SECRET: "" });
    expect(config.mode).toBe("demo");
    expect(config.spotify.apiUrl).toBe("http://127.0.0.1:4600");
  });

  it("makes one random development secret per process, never derived from the machine", async () => {
    const secret = parseConfig({}).auth.secret;
    expect(parseConfig({}).auth.secret).toBe(secret);
    expect(secret).toMatch(/^[\w-]{43}$/); // 32 random bytes, base64url
    const derived = createHash("sha256").update(`earshot-demo:${hostname()}:${process.cwd()}`);
    expect(secret).not.toBe(derived.digest("base64url"));
    // Another process (a fresh copy of the module) gets another secret.
    vi.resetModules();
    const fresh = await import("./env");
    expect(fresh.parseConfig({}).auth.secret).not.toBe(secret);
  });

  it("uses the real Spotify when a client is configured", () => {
    const config = parseConfig({
      SPOTIFY_CLIENT_ID: "abc",
      SPOTIFY_CLIENT_SECRET: "def",
      NEXTAUTH_SECRET: secret,
      NEXTAUTH_URL: "https://earshot.example.com/",
    });
    expect(config.mode).toBe("spotify");
    expect(config.spotify.accountsUrl).toBe("https://accounts.spotify.com");
    expect(config.spotify.apiUrl).toBe("https://api.spotify.com");
    expect(config.auth).toEqual({ url: "https://earshot.example.com", secret, secure: true });
  });

  it("refuses a half-set client with a message naming what to set", () => {
    expect(() => parseConfig({ SPOTIFY_CLIENT_ID: "abc", NEXTAUTH_SECRET: secret })).toThrow(
      /SPOTIFY_CLIENT_SECRET/,
    );
    expect(() => parseConfig({ SPOTIFY_CLIENT_SECRET: "def" })).toThrow(/SPOTIFY_CLIENT_ID is not/);
  });

  it("refuses real mode without a session secret", () => {
    expect(() => parseConfig({ SPOTIFY_CLIENT_ID: "abc", SPOTIFY_CLIENT_SECRET: "def" })).toThrow(
      /NEXTAUTH_SECRET.*openssl rand -base64 32/s,
    );
  });

  it("reads the sharing window, 0 turning it off", () => {
    expect(parseConfig({ SPOTIFY_SHARE_MS: "0" }).spotify.shareMs).toBe(0);
    expect(() => parseConfig({ SPOTIFY_SHARE_MS: "soon" })).toThrow(/SPOTIFY_SHARE_MS/);
  });

  it("keeps shared state in process unless REDIS_URL is set, with a conservative Spotify budget", () => {
    expect(parseConfig({}).shared).toEqual({
      redisUrl: null,
      redisPrefix: "earshot:",
      budgetPerMinute: 120,
      apiRateLimitPerMinute: 300,
    });
    const shared = parseConfig({
      REDIS_URL: "redis://127.0.0.1:6379/2",
      REDIS_PREFIX: "prod:",
      SPOTIFY_BUDGET_PER_MINUTE: "600",
      API_RATE_LIMIT_PER_MINUTE: "0",
    }).shared;
    expect(shared).toEqual({
      redisUrl: "redis://127.0.0.1:6379/2",
      redisPrefix: "prod:",
      budgetPerMinute: 600,
      apiRateLimitPerMinute: 0,
    });
    expect(() => parseConfig({ REDIS_URL: "http://127.0.0.1:6379" })).toThrow(
      /REDIS_URL must be a Redis URL/,
    );
    expect(() => parseConfig({ SPOTIFY_BUDGET_PER_MINUTE: "1" })).toThrow(/SPOTIFY_BUDGET_PER_MINUTE/);
    expect(() => parseConfig({ REDIS_PREFIX: "a b" })).toThrow(/REDIS_PREFIX/);
  });

  it("rejects malformed URLs and short secrets", () => {
    expect(() => parseConfig({ SPOTIFY_API_URL: "not a url" })).toThrow(ConfigError);
    expect(() => parseConfig({ NEXTAUTH_URL: "ftp://x" })).toThrow(/NEXTAUTH_URL/);
    expect(() => parseConfig({ NEXTAUTH_SECRET: "short" })).toThrow(/at least 32/);
  });
});

describe("Spotify's addresses in real mode", () => {
  const real = { SPOTIFY_CLIENT_ID: "abc", SPOTIFY_CLIENT_SECRET: "def", NEXTAUTH_SECRET: secret };

  it.each(["SPOTIFY_ACCOUNTS_URL", "SPOTIFY_API_URL"])(
    "refuses plain http in %s, which would send secrets in clear text",
    (name) => {
      const run = () => parseConfig({ ...real, [name]: "http://spotify-proxy.example.com" });
      expect(run).toThrow(ConfigError);
      expect(run).toThrow(new RegExp(`${name} is http://spotify-proxy\\.example\\.com; use an https:// URL`));
    },
  );

  it.each([
    "http://127.0.0.1:4555",
    "http://127.8.9.10",
    "http://localhost:4555",
    "http://[::1]:4555",
    "https://spotify-proxy.example.com",
  ])("accepts %s", (url) => {
    const config = parseConfig({ ...real, SPOTIFY_ACCOUNTS_URL: url, SPOTIFY_API_URL: url });
    expect(config.spotify.accountsUrl).toBe(url);
    expect(config.spotify.apiUrl).toBe(url);
  });

  it.each(["http://128.0.0.1", "http://127.0.0.1.example.com", "http://[::2]", "http://localhost.example"])(
    "refuses %s, which is not loopback",
    (url) => {
      expect(() => parseConfig({ ...real, SPOTIFY_API_URL: url })).toThrow(/SPOTIFY_API_URL/);
    },
  );

  it("leaves the demo free to use any emulator address", () => {
    expect(parseConfig({ SPOTIFY_API_URL: "http://emulator.internal:4555" }).spotify.apiUrl).toBe(
      "http://emulator.internal:4555",
    );
  });
});
