// Tokens in the database, on both stores: sealed at rest, one refresh grant per expiry across
// "instances" (separate module instances and pools sharing one database), and revocation.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { RunningEmulator } from "@/emulator/server";
import { control } from "@/emulator/test-support";
import { createDatabase } from "@/lib/db/connection";
import { STORE_KINDS } from "@/lib/db/test-databases";
import { storeForTests } from "@/lib/testing/store-for-tests";
import { emulatorCounters, signInListener, simClock, startStoreEmulator } from "@/lib/testing/store-fixture";
import { endAllSessions, findSessionUser } from "./accounts";
import { getSpotifyGrant, ReauthRequiredError } from "./spotify-tokens";

const clock = simClock();
let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startStoreEmulator(clock);
});
afterAll(() => emu.close());

describe.each(STORE_KINDS)("Spotify tokens in the %s store", (kind) => {
  const store = storeForTests(kind);
  beforeEach(async () => {
    await control(emu, "POST", "/reset", {});
    clock.set(Date.UTC(2026, 10, 28, 12));
  });

  it("never stores a token in clear", async () => {
    const person = await signInListener(emu, store().db, clock);
    clock.advance(3_600_000); // due: one refresh writes new tokens too
    const fresh = await getSpotifyGrant(person.userId, { db: store().db, now: clock.now });
    const dump = await store().db.execute(sql`select row_to_json(t)::text as row from spotify_tokens t`);
    const text = JSON.stringify(dump.rows);
    for (const token of [person.accessToken, person.refreshToken, fresh.accessToken])
      expect(text).not.toContain(token);
    expect(text).toMatch(/v1\./);
    // The session table holds a hash, never the cookie's secret.
    const sessions = JSON.stringify((await store().db.execute(sql`select * from sessions`)).rows);
    expect(sessions).not.toContain(person.sessionSecret);
  });

  it("leaves a valid token alone and refreshes a due one once", async () => {
    const person = await signInListener(emu, store().db, clock);
    const first = await getSpotifyGrant(person.userId, { db: store().db, now: clock.now });
    expect(first.accessToken).toBe(person.accessToken);
    expect((await emulatorCounters(emu)).refreshGrants).toBe(0);
    clock.advance(3_600_000 - 30_000); // inside the last minute
    const renewed = await getSpotifyGrant(person.userId, { db: store().db, now: clock.now });
    expect(renewed.accessToken).not.toBe(person.accessToken);
    expect(renewed.refreshToken).toBe(person.refreshToken); // policy "keep": no new refresh token
    expect(await getSpotifyGrant(person.userId, { db: store().db, now: clock.now })).toEqual(renewed);
    expect((await emulatorCounters(emu)).refreshGrants).toBe(1);
  });

  it("makes one refresh grant for 40 concurrent requests on two instances at expiry (rotate)", async () => {
    await control(emu, "POST", "/config", { refreshPolicy: "rotate" });
    const person = await signInListener(emu, store().db, clock);
    clock.advance(3_600_000);
    // Two instances: their own module state (single-flight maps) and their own pools, one database.
    const instances = [];
    for (let i = 0; i < 2; i++) {
      vi.resetModules();
      const mod = await import("./spotify-tokens");
      instances.push({ getSpotifyGrant: mod.getSpotifyGrant, db: createDatabase(store().url, 5) });
    }
    const results = await Promise.all(
      instances.flatMap((instance) =>
        Array.from({ length: 20 }, () =>
          instance.getSpotifyGrant(person.userId, { db: instance.db.db, now: clock.now }),
        ),
      ),
    );
    await Promise.all(instances.map((instance) => instance.db.pool.end()));
    expect((await emulatorCounters(emu)).refreshGrants).toBe(1);
    expect(new Set(results.map((grant) => grant.accessToken)).size).toBe(1);
    // The rotated refresh token is the one kept; the spent one is revoked and never used again.
    expect(results[0]!.refreshToken).not.toBe(person.refreshToken);
  });

  it("renews after a 401 only when nobody already has", async () => {
    const person = await signInListener(emu, store().db, clock);
    const renewed = await getSpotifyGrant(person.userId, {
      db: store().db,
      now: clock.now,
      rejectedAccessToken: person.accessToken,
    });
    expect(renewed.accessToken).not.toBe(person.accessToken);
    // A second request rejected with the same old token continues from the new one.
    const again = await getSpotifyGrant(person.userId, {
      db: store().db,
      now: clock.now,
      rejectedAccessToken: person.accessToken,
    });
    expect(again.accessToken).toBe(renewed.accessToken);
    expect((await emulatorCounters(emu)).refreshGrants).toBe(1);
  });

  it("marks the person reauth_required and drops the tokens when Spotify refuses the refresh token", async () => {
    const person = await signInListener(emu, store().db, clock);
    await control(emu, "POST", "/revoke", { listener: "rory" });
    clock.advance(3_600_000);
    await expect(getSpotifyGrant(person.userId, { db: store().db, now: clock.now })).rejects.toBeInstanceOf(
      ReauthRequiredError,
    );
    const user = await findSessionUser(person.sessionSecret, store().db);
    expect(user?.reauthRequired).toBe(true);
    const left = await store().db.execute(sql`select count(*)::int as n from spotify_tokens`);
    expect(left.rows[0]).toEqual({ n: 0 });
    // Later calls answer at once, without asking Spotify again.
    const before = (await emulatorCounters(emu)).requests["POST /api/token"] ?? 0;
    await expect(getSpotifyGrant(person.userId, { db: store().db, now: clock.now })).rejects.toBeInstanceOf(
      ReauthRequiredError,
    );
    expect((await emulatorCounters(emu)).requests["POST /api/token"] ?? 0).toBe(before);
  });

  it("keeps the tokens through a transient failure while the access token still works", async () => {
    const person = await signInListener(emu, store().db, clock);
    await control(emu, "POST", "/faults", { path: "/api/token", count: 5, fault: { status: 503 } });
    clock.advance(3_600_000 - 30_000);
    const grant = await getSpotifyGrant(person.userId, { db: store().db, now: clock.now });
    expect(grant.accessToken).toBe(person.accessToken);
    expect((await findSessionUser(person.sessionSecret, store().db))?.reauthRequired).toBe(false);
  });

  it("backs off after a transient failure: one token call per step while Spotify's Accounts is down", async () => {
    const person = await signInListener(emu, store().db, clock);
    await control(emu, "POST", "/faults", { path: "/api/token", count: 100, fault: { status: 503 } });
    clock.advance(3_600_000 + 1_000); // expired: every request needs a refresh
    const tokenCalls = async () => (await emulatorCounters(emu)).requests["POST /api/token"] ?? 0;
    const before = await tokenCalls();
    for (let i = 0; i < 10; i++) {
      await expect(getSpotifyGrant(person.userId, { db: store().db, now: clock.now })).rejects.toMatchObject({
        kind: "transient",
      });
    }
    expect((await tokenCalls()) - before).toBe(1); // ten polls within the first second: one call
    clock.advance(1_100);
    await expect(getSpotifyGrant(person.userId, { db: store().db, now: clock.now })).rejects.toBeDefined();
    expect((await tokenCalls()) - before).toBe(2);
    clock.advance(1_100); // the next step is 2 s: not yet
    await expect(getSpotifyGrant(person.userId, { db: store().db, now: clock.now })).rejects.toBeDefined();
    expect((await tokenCalls()) - before).toBe(2);
    // Spotify is back: the next step refreshes, and all is well again.
    await control(emu, "DELETE", "/faults");
    clock.advance(1_000);
    const grant = await getSpotifyGrant(person.userId, { db: store().db, now: clock.now });
    expect(grant.accessToken).not.toBe(person.accessToken);
    expect((await findSessionUser(person.sessionSecret, store().db))?.reauthRequired).toBe(false);
  });

  it("ends every session with sign-out everywhere", async () => {
    const a = await signInListener(emu, store().db, clock);
    const b = await signInListener(emu, store().db, clock);
    expect(a.userId).toBe(b.userId);
    expect(await findSessionUser(b.sessionSecret, store().db)).not.toBeNull();
    expect(await endAllSessions(a.userId, store().db)).toBe(2);
    expect(await findSessionUser(a.sessionSecret, store().db)).toBeNull();
    expect(await findSessionUser(b.sessionSecret, store().db)).toBeNull();
  });
});
