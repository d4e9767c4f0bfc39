import { describe, expect, it } from "vitest";
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

  it("generates the same development secret every time on one machine", () => {
    expect(parseConfig({}).auth.secret).toBe(parseConfig({}).auth.secret);
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

  it("rejects malformed URLs and short secrets", () => {
    expect(() => parseConfig({ SPOTIFY_API_URL: "not a url" })).toThrow(ConfigError);
    expect(() => parseConfig({ NEXTAUTH_URL: "ftp://x" })).toThrow(/NEXTAUTH_URL/);
    expect(() => parseConfig({ NEXTAUTH_SECRET: "short" })).toThrow(/at least 32/);
  });
});
