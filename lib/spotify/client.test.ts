// The upstream policy of the Spotify client, against the emulator's real Web API (the only test
// double): its faults stand in for Spotify's 5xx, 401, 429, timeouts and dropped connections.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import type { RunningEmulator } from "@/emulator/server";
import { control, signIn, startTestEmulator } from "@/emulator/test-support";
import type { SpotifyAccess } from "@/lib/auth/spotify-access";
import { ApiError } from "@/lib/errors";
import { InProcessBudget } from "@/lib/shared/spotify-budget";
import { BudgetDeniedError, createSpotifyClient, type SpotifyClientDeps } from "./client";
import { RateGate } from "./rate-gate";
import { playbackStateSchema } from "./schemas";

const PLAYER = "/v1/me/player";

let emu: RunningEmulator;
let gate: RateGate;

beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(() => emu.close());
beforeEach(async () => {
  await control(emu, "POST", "/reset");
  gate = new RateGate();
});

/** Fast retries, a fresh gate and an ample budget per test, and the emulator as Spotify. */
const deps = (more: SpotifyClientDeps = {}): SpotifyClientDeps => ({
  apiUrl: emu.url,
  gate,
  budget: new InProcessBudget({ perMinute: 100_000 }),
  retryBackoffMs: 1,
  ...more,
});

/** Access for `listener`; `renew` signs in again (as a refresh would) unless told what to return. */
async function accessFor(
  listener = "rory",
  { token, renewTo }: { token?: string; renewTo?: string } = {},
): Promise<SpotifyAccess & { renew: ReturnType<typeof vi.fn> }> {
  const tokens = await signIn(emu, { listener });
  const access = {
    userId: listener,
    accessToken: token ?? tokens.access_token,
    renew: vi.fn(async () => {
      access.accessToken = renewTo ?? (await signIn(emu, { listener })).access_token;
      return access.accessToken;
    }),
  };
  return access;
}

const fault = (fault: unknown, count = 1) => control(emu, "POST", "/faults", { path: PLAYER, count, fault });
const playerCalls = async () =>
  ((await control(emu, "GET", "/counters")).requests[`GET ${PLAYER}`] as number | undefined) ?? 0;

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe("createSpotifyClient", () => {
  it("answers with the parsed payload, and null when Spotify answers 204", async () => {
    const client = createSpotifyClient(await accessFor(), deps());
    expect((await client.get(PLAYER, playbackStateSchema))?.is_playing).toBe(true);
    await control(emu, "POST", "/listeners/rory/player", { action: "stop" });
    expect(await client.get(PLAYER, playbackStateSchema)).toBeNull();
  });

  it("retries a 5xx once, and succeeds", async () => {
    await fault({ status: 503, body: "down" });
    const client = createSpotifyClient(await accessFor(), deps());
    expect(await client.get(PLAYER, playbackStateSchema)).not.toBeNull();
    expect(await playerCalls()).toBe(2);
  });

  it("gives up after one retry of a 5xx: upstream_error, and no third call", async () => {
    await fault({ status: 502, body: { error: { status: 502, message: "Bad gateway" } } }, 2);
    const client = createSpotifyClient(await accessFor(), deps());
    expect((await failure(client.get(PLAYER, playbackStateSchema))).code).toBe("upstream_error");
    expect(await playerCalls()).toBe(2);
  });

  it("retries a dropped connection once, then says Spotify could not be reached", async () => {
    const client = createSpotifyClient(await accessFor(), deps());
    await fault({ kind: "reset" });
    expect(await client.get(PLAYER, playbackStateSchema)).not.toBeNull();
    await fault({ kind: "reset" }, 2);
    expect((await failure(client.get(PLAYER, playbackStateSchema))).code).toBe("upstream_error");
  });

  it("answers upstream_timeout when Spotify is too slow, without waiting again", async () => {
    await fault({ kind: "delay", ms: 1_000 });
    const client = createSpotifyClient(await accessFor(), deps({ timeoutMs: 100 }));
    const started = Date.now();
    expect((await failure(client.get(PLAYER, playbackStateSchema))).code).toBe("upstream_timeout");
    expect(Date.now() - started).toBeLessThan(900);
    expect(await playerCalls()).toBe(1);
  });

  it("on a 401 renews the token once and retries with the new one", async () => {
    const access = await accessFor("rory", { token: "BQnot-a-real-token" });
    const client = createSpotifyClient(access, deps());
    expect(await client.get(PLAYER, playbackStateSchema)).not.toBeNull();
    expect(access.renew).toHaveBeenCalledTimes(1);
    expect(await playerCalls()).toBe(2);
  });

  it("asks for a new sign-in when the renewed token is refused too, renewing only once", async () => {
    const access = await accessFor("rory", { token: "BQnot-a-real-token", renewTo: "BQstill-not-real" });
    const client = createSpotifyClient(access, deps());
    expect((await failure(client.get(PLAYER, playbackStateSchema))).code).toBe("reauth_required");
    expect(access.renew).toHaveBeenCalledTimes(1);
    expect(await playerCalls()).toBe(2);
  });

  it("on a 429 closes the gate: every caller is answered at once, and nothing goes upstream until it lifts", async () => {
    await fault({
      status: 429,
      headers: { "retry-after": "1" },
      body: { error: { status: 429, message: "API rate limit exceeded" } },
    });
    const rory = createSpotifyClient(await accessFor("rory"), deps());
    const first = await failure(rory.get(PLAYER, playbackStateSchema));
    expect(first.code).toBe("rate_limited");
    expect(first.retryAfterSeconds).toBe(1);
    expect(gate.remainingMs()).toBeGreaterThan(500);

    // Another listener: the limit is the app's, so the gate is too.
    const maya = createSpotifyClient(await accessFor("maya"), deps());
    const blocked = await failure(maya.get(PLAYER, playbackStateSchema));
    expect(blocked.code).toBe("rate_limited");
    expect(blocked.retryAfterSeconds).toBe(1);
    expect(await playerCalls()).toBe(1);

    await new Promise((resolve) => setTimeout(resolve, gate.remainingMs() + 20));
    await maya.get(PLAYER, playbackStateSchema);
    expect(await playerCalls()).toBe(2);
  });

  it("says when the account is not on the app's allow-list (403)", async () => {
    const client = createSpotifyClient(await accessFor("outsider"), deps());
    const error = await failure(client.get(PLAYER, playbackStateSchema));
    expect(error.code).toBe("spotify_forbidden");
    expect(error.message).toMatch(/allow-list/);
  });

  it("asks for a new sign-in when the granted scopes are not enough (403 scope)", async () => {
    const tokens = await signIn(emu, { scopes: ["user-read-private"] });
    const access = { userId: "rory", accessToken: tokens.access_token, renew: vi.fn() };
    const error = await failure(createSpotifyClient(access, deps()).get(PLAYER, playbackStateSchema));
    expect(error.code).toBe("reauth_required");
    expect(access.renew).not.toHaveBeenCalled();
  });

  it("turns unreadable or unexpected payloads into upstream_error", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const client = createSpotifyClient(await accessFor(), deps());
    await fault({ kind: "malformed" });
    expect((await failure(client.get(PLAYER, playbackStateSchema))).code).toBe("upstream_error");
    const unexpected = z.object({ something_else: z.string() });
    expect((await failure(client.get(PLAYER, unexpected))).code).toBe("upstream_error");
    expect(warn).toHaveBeenCalled();
    warn.mockRestore();
  });

  it("takes a token of the app's budget per call; denied, nothing goes upstream and a dashboard hears when to ask again", async () => {
    const clock = { now: 0 };
    // 4 a minute: a bucket of 2, one token every 15 s; the recorder must leave half a token.
    const budget = new InProcessBudget({ perMinute: 4 }, () => clock.now);
    const access = await accessFor();
    const dashboard = createSpotifyClient(access, deps({ budget }));
    const recorder = createSpotifyClient(access, deps({ budget, priority: "recorder" }));
    await dashboard.get(PLAYER, playbackStateSchema);
    // One token left: the recorder may not take it (a dashboard might need it), a dashboard may.
    const deferred = await failure(recorder.get(PLAYER, playbackStateSchema));
    expect(deferred).toBeInstanceOf(BudgetDeniedError);
    expect(deferred.code).toBe("rate_limited");
    await dashboard.get(PLAYER, playbackStateSchema);
    const denied = await failure(dashboard.get(PLAYER, playbackStateSchema));
    expect(denied.retryAfterSeconds).toBe(15);
    expect(await playerCalls()).toBe(2);
    clock.now += 15_000;
    await dashboard.get(PLAYER, playbackStateSchema);
    expect(await playerCalls()).toBe(3);
  });
});
