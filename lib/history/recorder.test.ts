// The recorder against the emulator (late logging, a fast skipper, a fast clock), on both stores.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { RunningEmulator } from "@/emulator/server";
import { control } from "@/emulator/test-support";
import { setRecordingPaused } from "@/lib/auth/accounts";
import { STORE_KINDS, type TestDatabase } from "@/lib/db/test-databases";
import { storeForTests } from "@/lib/testing/store-for-tests";
import { emulatorCounters, signInListener, simClock, startStoreEmulator } from "@/lib/testing/store-fixture";
import { spotifyAccessFor } from "@/lib/auth/spotify-access";
import { createSpotifyClient } from "@/lib/spotify/client";
import { recentlyPlayedSchema } from "@/lib/spotify/schemas";
import { InProcessBudget } from "@/lib/shared/spotify-budget";
import { playbackStateSchema } from "@/lib/spotify/schemas";
import { Recorder } from "./recorder";
import { writeThrough } from "./write-through";
import { listGaps } from "./store-plays";

// Everything written to the console during this file, to check that no token is ever logged.
const logged: string[] = [];
for (const method of ["log", "info", "warn", "error", "debug"] as const) {
  const original = console[method].bind(console);
  vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
    logged.push(
      args.map((arg) => (arg instanceof Error ? `${arg.message} ${arg.stack}` : String(arg))).join(" "),
    );
    original(...args);
  });
}

/** Every token the emulator issued in this file (a reset forgets them, so they are kept here). */
const issued = new Set<string>();
async function rememberIssuedTokens() {
  const tokens = (await control(emu, "GET", "/tokens")) as {
    accessTokens: string[];
    refreshTokens: string[];
  };
  for (const token of [...tokens.accessTokens, ...tokens.refreshTokens]) issued.add(token);
}

const HOUR = 3_600_000;
const MINUTE = 60_000;
const clock = simClock();
let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startStoreEmulator(clock);
});
afterAll(() => emu.close());

type LoggedPlay = { uri: string; playedAt: number; loggedAt: number };
const loggedPlays = (listener: string) =>
  control(emu, "GET", `/listeners/${listener}/history`) as Promise<LoggedPlay[]>;

async function storedPlays(store: () => TestDatabase, userId: string) {
  const result = await store().db.execute<{ track_id: string; played_at: Date }>(
    sql`select track_id, played_at from plays where user_id = ${userId} order by played_at`,
  );
  return result.rows.map((row) => ({ uri: row.track_id, playedAt: new Date(row.played_at).getTime() }));
}

describe.each(STORE_KINDS)("the recorder on the %s store", (kind) => {
  const store = storeForTests(kind);
  beforeEach(async () => {
    clock.set(Date.UTC(2026, 10, 28, 12));
    await rememberIssuedTokens();
    await control(emu, "POST", "/reset", {});
  });

  it("stores every play the emulator logged over 48 hours exactly once, within 3 calls a person-hour", async () => {
    const person = await signInListener(emu, store().db, clock, "rory");
    const recorders = [0, 1].map(
      (i) =>
        new Recorder({ db: store().db, now: clock.now, workerId: `r${i}`, log: (line) => logged.push(line) }),
    );
    await control(emu, "POST", "/counters/reset");
    const start = clock.now();
    while (clock.now() < start + 48 * HOUR) {
      clock.advance(5 * MINUTE);
      const rounds = await Promise.all(recorders.map((recorder) => recorder.runOnce()));
      // Never the same person synced by both at once.
      expect(rounds[0]!.length + rounds[1]!.length).toBeLessThanOrEqual(1);
      for (const outcome of rounds.flat()) expect(outcome).toMatchObject({ ok: true });
    }
    const webApiCalls = (await emulatorCounters(emu)).requests["GET /v1/me/player/recently-played"] ?? 0;
    expect(webApiCalls / 48).toBeLessThanOrEqual(3);

    // Let the last late plays be logged, then one more sync.
    clock.advance(20 * MINUTE);
    await store().db.execute(sql`update sync_state set next_sync_at = ${new Date(clock.now())}`);
    await recorders[0]!.runOnce();

    const stored = await storedPlays(store, person.userId);
    const oldest = stored[0]!.playedAt;
    const emulatorPlays = (await loggedPlays("rory")).filter(
      (play) => play.playedAt >= oldest && play.loggedAt <= clock.now(),
    );
    expect(emulatorPlays.length).toBeGreaterThan(300);
    expect(stored).toEqual(emulatorPlays.map(({ uri, playedAt }) => ({ uri, playedAt })));
    expect(await listGaps(store().db, person.userId)).toEqual([]);
    // Each sync is logged.
    const runs = await store().db.execute<{ n: number; added: number }>(
      sql`select count(*)::int as n, sum(plays_added)::int as added from sync_runs where finished_at is not null and error is null`,
    );
    expect(runs.rows[0]!.added).toBe(stored.length);
  }, 180_000);

  it("under a budget that dashboards use up, defers its syncs, keeps the dashboard on schedule, and catches up later without losing a play", async () => {
    await control(emu, "POST", "/config", { lateLogging: { share: 0 } });
    const person = await signInListener(emu, store().db, clock, "rory");
    // 4 calls a minute for the whole app, on the test's clock: a bucket of 2, a token every 15 s.
    const budget = new InProcessBudget({ perMinute: 4 }, clock.now);
    const recorder = new Recorder({ db: store().db, now: clock.now, spotify: { budget } });
    clock.advance(20 * MINUTE);
    expect(await recorder.runOnce()).toMatchObject([{ ok: true }]); // the store is under way
    const synced = await storedPlays(store, person.userId);

    // 40 minutes of a playing dashboard polling every 15 s: every poll is served (one token each, as
    // fast as they come back); every sync that falls due meanwhile is deferred, and asks nothing.
    const access = await spotifyAccessFor(person.userId, { db: store().db, now: clock.now });
    const dashboard = createSpotifyClient(access, { budget });
    await control(emu, "POST", "/counters/reset");
    let deferred = 0;
    for (let step = 0; step < 160; step++) {
      clock.advance(15_000);
      await dashboard.get("/v1/me/player", playbackStateSchema); // throws if the budget refused it
      for (const outcome of await recorder.runOnce()) {
        expect(outcome).toMatchObject({ ok: false, error: expect.stringMatching(/^deferred/) });
        deferred++;
      }
    }
    expect(deferred).toBeGreaterThan(10);
    const counters = await emulatorCounters(emu);
    // 160 polls (one more when a poll met the access token's expiry: a 401, a renewal, a retry).
    expect(counters.requests["GET /v1/me/player"]).toBeGreaterThanOrEqual(160);
    expect(counters.requests["GET /v1/me/player"]).toBeLessThanOrEqual(162);
    expect(counters.requests["GET /v1/me/player/recently-played"] ?? 0).toBe(0);
    expect(await storedPlays(store, person.userId)).toEqual(synced);

    // The dashboard closes: the budget refills, the deferred sync runs and brings every play since.
    clock.advance(MINUTE);
    await store().db.execute(sql`update sync_state set next_sync_at = ${new Date(clock.now())}`);
    expect(await recorder.runOnce()).toMatchObject([{ ok: true }]);
    const stored = await storedPlays(store, person.userId);
    const oldest = stored[0]!.playedAt;
    const logged = (await loggedPlays("rory")).filter(
      (p) => p.playedAt >= oldest && p.loggedAt <= clock.now(),
    );
    expect(stored.length).toBeGreaterThan(synced.length + 5);
    expect(stored).toEqual(logged.map(({ uri, playedAt }) => ({ uri, playedAt })));
    // A deferral is no run: nothing to show as an error.
    const errors = await store().db.execute<{ n: number }>(
      sql`select count(*)::int as n from sync_runs where error is not null`,
    );
    expect(errors.rows[0]!.n).toBe(0);
  }, 60_000);

  it("records a gap with the right bounds when a fast skipper overflows the window", async () => {
    await control(emu, "POST", "/config", { lateLogging: { share: 0 } });
    const person = await signInListener(emu, store().db, clock, "flick");
    const recorder = new Recorder({ db: store().db, now: clock.now });
    clock.advance(20 * MINUTE);
    expect(await recorder.runOnce()).toMatchObject([{ ok: true, gap: false }]);
    const before = await storedPlays(store, person.userId);
    const newestBefore = before[before.length - 1]!.playedAt;

    clock.advance(70 * MINUTE); // the recorder was away: well over 50 skips
    await store().db.execute(sql`update sync_state set next_sync_at = ${new Date(clock.now())}`);
    expect(await recorder.runOnce()).toMatchObject([{ ok: true, gap: true }]);

    const window = (await loggedPlays("flick")).slice(-50);
    expect(await listGaps(store().db, person.userId)).toEqual([
      { fromAt: new Date(newestBefore), toAt: new Date(window[0]!.playedAt) },
    ]);
    // Everything Spotify still had is stored.
    const stored = await storedPlays(store, person.userId);
    expect(stored.slice(-50)).toEqual(window.map(({ uri, playedAt }) => ({ uri, playedAt })));
  }, 60_000);

  it("stops for a paused person and for a revoked one, and catches up after a pause", async () => {
    await control(emu, "POST", "/config", { lateLogging: { share: 0 } });
    const paused = await signInListener(emu, store().db, clock, "rory");
    const revoked = await signInListener(emu, store().db, clock, "maya");
    const recorder = new Recorder({ db: store().db, now: clock.now });
    await setRecordingPaused(paused.userId, true, store().db);
    await control(emu, "POST", "/revoke", { listener: "maya" });
    clock.advance(2 * HOUR); // maya's token is expired: the refresh is refused
    const outcomes = await recorder.runOnce();
    expect(outcomes).toEqual([
      { userId: revoked.userId, ok: false, error: expect.stringContaining("reauth_required") },
    ]);
    const status = await store().db.execute<{ status: string }>(
      sql`select status from users where id = ${revoked.userId}`,
    );
    expect(status.rows[0]!.status).toBe("reauth_required");
    clock.advance(2 * HOUR);
    expect(await recorder.runOnce()).toEqual([]); // neither is synced any more

    // While paused, even a dashboard's fetch keeps nothing.
    const access = await spotifyAccessFor(paused.userId, { db: store().db, now: clock.now });
    const page = await createSpotifyClient(access).get(
      "/v1/me/player/recently-played?limit=50",
      recentlyPlayedSchema,
    );
    await writeThrough(store().db, paused.userId, page!, { limit: 50 }, clock.now());
    expect(await storedPlays(store, paused.userId)).toEqual([]);

    await setRecordingPaused(paused.userId, false, store().db, clock.now());
    expect(await recorder.runOnce()).toMatchObject([{ userId: paused.userId, ok: true }]);
    expect((await storedPlays(store, paused.userId)).length).toBeGreaterThan(0);
  }, 60_000);
});

describe("the recorder's logs", () => {
  it("never contain a Spotify token", async () => {
    await rememberIssuedTokens();
    expect(issued.size).toBeGreaterThan(10); // sign-ins and a refresh an hour
    expect(logged.length).toBeGreaterThan(0); // the recorder did log its syncs and failures
    const text = logged.join("\n");
    for (const token of issued) expect(text).not.toContain(token);
  });
});
