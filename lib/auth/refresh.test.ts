// The refresh function against the emulator's real token endpoint (the only test double).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningEmulator } from "@/emulator/server";
import { control, signIn, startTestEmulator } from "@/emulator/test-support";
import { ensureFreshGrant, refreshSessionToken, resetRefreshMemory } from "./refresh";
import type { SpotifyGrant } from "./spotify-grant";

let emu: RunningEmulator;

beforeAll(async () => {
  emu = await startTestEmulator();
  // lib/config reads these once, on first use.
  process.env.SPOTIFY_ACCOUNTS_URL = emu.url;
  process.env.SPOTIFY_API_URL = emu.url;
});
afterAll(() => emu.close());

beforeEach(async () => {
  await control(emu, "POST", "/reset");
  resetRefreshMemory();
});

const refreshGrants = async () => (await control(emu, "GET", "/counters")).refreshGrants as number;

/** A freshly signed-in grant; `expiresInMs` ≤ 0 makes it due for refresh. */
async function grant(expiresInMs: number): Promise<SpotifyGrant> {
  const tokens = await signIn(emu);
  return {
    accessToken: tokens.access_token,
    refreshToken: tokens.refresh_token,
    expiresAt: Date.now() + expiresInMs,
    lifetimeMs: 3_600_000,
  };
}

describe("ensureFreshGrant", () => {
  it("leaves a grant alone until it is nearly expired", async () => {
    const current = await grant(30 * 60_000);
    expect(await ensureFreshGrant(current)).toEqual({ grant: current, changed: false });
    expect(await refreshGrants()).toBe(0);
  });

  it("refreshes within the last tenth of the lifetime (at most a minute) before expiry", async () => {
    const current = await grant(59_000);
    const { grant: fresh, changed } = await ensureFreshGrant(current);
    expect(changed).toBe(true);
    expect(fresh.accessToken).not.toBe(current.accessToken);
    expect(fresh.expiresAt).toBeGreaterThan(Date.now() + 3_500_000);
    expect(await refreshGrants()).toBe(1);
  });

  it("keeps the refresh token when Spotify's reply has none (policy keep)", async () => {
    const current = await grant(0);
    const { grant: fresh } = await ensureFreshGrant(current);
    expect(fresh.refreshToken).toBe(current.refreshToken);
  });

  it("stores the new refresh token when Spotify rotates it", async () => {
    await control(emu, "POST", "/config", { refreshPolicy: "rotate" });
    const current = await grant(0);
    const { grant: fresh } = await ensureFreshGrant(current);
    expect(fresh.refreshToken).not.toBe(current.refreshToken);
    // The rotated one works for the next refresh; the old one was revoked by Spotify.
    const next = await ensureFreshGrant({ ...fresh, expiresAt: 0 });
    expect(next.changed).toBe(true);
    expect(await refreshGrants()).toBe(2);
  });

  it.each(["keep", "rotate"])(
    "twenty concurrent callers at expiry share one refresh grant (%s)",
    async (policy) => {
      await control(emu, "POST", "/config", { refreshPolicy: policy });
      const current = await grant(0);
      const results = await Promise.all(Array.from({ length: 20 }, () => ensureFreshGrant(current)));
      expect(new Set(results.map((r) => r.grant.accessToken)).size).toBe(1);
      expect(await refreshGrants()).toBe(1);
    },
  );

  it("serves a late caller still holding the old tokens from memory, even after rotation", async () => {
    await control(emu, "POST", "/config", { refreshPolicy: "rotate" });
    const old = await grant(0);
    const first = await ensureFreshGrant(old);
    const late = await ensureFreshGrant(old);
    expect(late).toEqual({ grant: first.grant, changed: true });
    expect(await refreshGrants()).toBe(1);
  });

  it("continues from the remembered tokens when they are due in turn, never from the spent token", async () => {
    await control(emu, "POST", "/config", { refreshPolicy: "rotate", accessTokenLifetimeSec: 1 });
    const old = await grant(0);
    const second = await ensureFreshGrant(old);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    // A request still carrying the first cookie, after the second grant expired too: it refreshes
    // with the second refresh token (rotation revoked the first), and nobody is signed out.
    const late = await ensureFreshGrant(old);
    expect(late.changed).toBe(true);
    expect(late.grant.accessToken).not.toBe(second.grant.accessToken);
    expect(late.grant.refreshToken).not.toBe(second.grant.refreshToken);
    expect((await control(emu, "GET", "/counters")).tokenErrors).toBe(0);
    expect(await refreshGrants()).toBe(2);
  });

  it("forces a refresh when Spotify rejected a token we thought valid", async () => {
    const current = await grant(30 * 60_000);
    const { changed } = await ensureFreshGrant(current, { force: true });
    expect(changed).toBe(true);
    expect(await refreshGrants()).toBe(1);
  });
});

describe("refreshSessionToken", () => {
  it("marks the session reauth_required and drops the tokens when Spotify revoked the refresh token", async () => {
    const current = await grant(0);
    await control(emu, "POST", "/revoke", { refreshToken: current.refreshToken });
    const results = await Promise.all(
      Array.from({ length: 5 }, () => refreshSessionToken({ sub: "rory", spotify: current })),
    );
    for (const result of results) {
      expect(result.changed).toBe(true);
      expect(result.token.error).toBe("reauth_required");
      expect(result.token.spotify).toBeUndefined();
      expect(result.token.sub).toBe("rory");
    }
    const counters = await control(emu, "GET", "/counters");
    expect(counters.requests["POST /api/token"]).toBe(2); // the sign-in, and one refresh attempt
  });

  it("does not sign anyone out when the Accounts service fails, and tries again next time", async () => {
    const current = await grant(0);
    await control(emu, "POST", "/faults", {
      path: "/api/token",
      count: 1,
      fault: { status: 503, body: "down" },
    });
    const failed = await refreshSessionToken({ sub: "rory", spotify: current });
    expect(failed.changed).toBe(false);
    expect(failed.token.error).toBeUndefined();
    expect(failed.token.spotify).toEqual(current);
    expect(failed.transientFailure?.kind).toBe("transient");

    const retried = await refreshSessionToken({ sub: "rory", spotify: current });
    expect(retried.changed).toBe(true);
    expect(retried.token.spotify?.accessToken).not.toBe(current.accessToken);
  });

  it("treats a token-endpoint timeout-like failure (reset connection) as transient", async () => {
    const current = await grant(0);
    await control(emu, "POST", "/faults", { path: "/api/token", count: 1, fault: { kind: "reset" } });
    const failed = await refreshSessionToken({ spotify: current });
    expect(failed.transientFailure?.kind).toBe("transient");
    expect(failed.token.error).toBeUndefined();
  });

  it("leaves a session that is already marked alone (no retry loop)", async () => {
    const token = { sub: "rory", error: "reauth_required" as const };
    expect(await refreshSessionToken(token)).toEqual({ token, changed: false });
    expect((await control(emu, "GET", "/counters")).requests).toEqual({});
  });
});
