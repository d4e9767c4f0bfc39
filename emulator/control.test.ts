// Tests for the rate limit, fault injection, counters, reset and the other control endpoints, plus the CLI.

import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { controlHeaders } from "./control-guard.ts";
import { startEmulator, type RunningEmulator } from "./server.ts";
import {
  START_MS,
  TEST_EMULATOR_OPTIONS,
  api,
  control,
  signIn,
  emulatorForTests,
  tokenRequest,
  type Json,
  type Tokens,
} from "./test-support.ts";

const emu = emulatorForTests();
let rory: Tokens;

beforeEach(async () => {
  rory = await signIn(emu);
});

const me = () => api(emu, "/v1/me", rory.access_token);
const advance = (ms: number) => control(emu, "POST", "/clock", { advanceMs: ms });

describe("rate limit", () => {
  it("answers 429 with Retry-After once the rolling 30 s budget is spent, and recovers", async () => {
    await control(emu, "POST", "/config", { rateLimit: { budget: 3 } });
    expect((await me()).status).toBe(200);
    await advance(10_000);
    expect((await me()).status).toBe(200);
    expect((await me()).status).toBe(200);
    const limited = await me();
    expect(limited.status).toBe(429);
    // The oldest request leaves the window 20 s from now.
    expect(limited.headers.get("retry-after")).toBe("20");
    expect(await limited.json()).toEqual({ error: { status: 429, message: "API rate limit exceeded" } });
    await advance(20_000);
    expect((await me()).status).toBe(200);
    expect((await me()).status).toBe(429);
    expect((await control(emu, "GET", "/counters")).rateLimited).toBe(2);
  });

  it("serves the QUOTA_EXCEEDED body and a fixed Retry-After when configured", async () => {
    const config = await control(emu, "POST", "/config", {
      rateLimit: { budget: 0, retryAfterSec: 86_400, quotaExceeded: true },
    });
    expect(config.rateLimit).toEqual({ budget: 0, retryAfterSec: 86_400, quotaExceeded: true });
    const res = await me();
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("86400");
    expect(await res.json()).toEqual({
      error: { status: 429, message: "Too many requests", reason: "QUOTA_EXCEEDED" },
    });
  });

  it("does not limit control requests, and null switches the limit off", async () => {
    await control(emu, "POST", "/config", { rateLimit: { budget: 1 } });
    for (let i = 0; i < 5; i++) await control(emu, "GET", "/listeners");
    expect((await me()).status).toBe(200);
    await control(emu, "POST", "/config", { rateLimit: null });
    for (let i = 0; i < 5; i++) expect((await me()).status).toBe(200);
  });
});

describe("faults", () => {
  it("serves a canned status/body/headers for the next N matching requests", async () => {
    const { id } = await control(emu, "POST", "/faults", {
      path: "/v1/me",
      count: 2,
      fault: {
        status: 502,
        body: { error: { status: 502, message: "Backend respond with 500" } },
        headers: { "x-test": "1" },
      },
    });
    expect(id).toEqual(expect.any(String));
    for (let i = 0; i < 2; i++) {
      const res = await me();
      expect(res.status).toBe(502);
      expect(res.headers.get("x-test")).toBe("1");
      expect(await res.json()).toEqual({ error: { status: 502, message: "Backend respond with 500" } });
    }
    expect((await me()).status).toBe(200);
  });

  it("defaults to one request, matches by exact path (query aside) and by listener", async () => {
    await control(emu, "POST", "/faults", { path: "/v1/me/player", fault: { status: 503 } });
    expect((await me()).status).toBe(200);
    // Not a prefix: a longer path under it is served normally and leaves the fault armed.
    expect((await api(emu, "/v1/me/player/recently-played", rory.access_token)).status).toBe(200);
    const res = await api(emu, "/v1/me/player?additional_types=track,episode", rory.access_token);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ error: { status: 503, message: "Service Unavailable" } });
    expect((await api(emu, "/v1/me/player", rory.access_token)).status).not.toBe(503);

    const maya = await signIn(emu, { listener: "maya" });
    await control(emu, "POST", "/faults", {
      listener: "maya",
      count: 5,
      fault: { status: 500, body: "oops" },
    });
    expect((await me()).status).toBe(200);
    const mayaRes = await api(emu, "/v1/me", maya.access_token);
    expect(mayaRes.status).toBe(500);
    expect(await mayaRes.text()).toBe("oops");
    await control(emu, "DELETE", "/faults");
    expect((await api(emu, "/v1/me", maya.access_token)).status).toBe(200);
  });

  it("refuses a fault path with a query: paths match without one", async () => {
    const res = await rawControl("POST", "/faults", { path: "/v1/me/player?x=1", fault: { status: 503 } });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(/without a query/);
  });

  it("lasts for a span of emulator time with durationMs", async () => {
    await control(emu, "POST", "/faults", { path: "/v1/me", durationMs: 5_000, fault: { status: 500 } });
    expect((await me()).status).toBe(500);
    expect((await me()).status).toBe(500);
    await advance(5_000);
    expect((await me()).status).toBe(200);
  });

  it("can fail the token endpoint", async () => {
    await control(emu, "POST", "/faults", { path: "/api/token", fault: { status: 503 } });
    const res = await tokenRequest(emu, { grant_type: "refresh_token", refresh_token: rory.refresh_token });
    expect(res.status).toBe(503);
    expect(
      (await tokenRequest(emu, { grant_type: "refresh_token", refresh_token: rory.refresh_token })).status,
    ).toBe(200);
  });

  it("serves malformed JSON with a JSON content type", async () => {
    await control(emu, "POST", "/faults", { fault: { kind: "malformed" } });
    const res = await api(emu, "/v1/me/player/currently-playing", rory.access_token);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
    await expect(res.json()).rejects.toThrow();
  });

  it("delays, then serves normally", async () => {
    await control(emu, "POST", "/faults", { fault: { kind: "delay", ms: 300 } });
    const started = Date.now();
    const res = await me();
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
  });

  it("hangs on a huge delay (the client's timeout must fire) without blocking the emulator", async () => {
    await control(emu, "POST", "/faults", { fault: { kind: "delay", ms: 10 * 60_000 } });
    await expect(
      fetch(`${emu.url}/v1/me`, {
        headers: { authorization: `Bearer ${rory.access_token}` },
        signal: AbortSignal.timeout(200),
      }),
    ).rejects.toThrow();
    expect((await me()).status).toBe(200);
  });

  it("drops the connection with kind reset", async () => {
    await control(emu, "POST", "/faults", { fault: { kind: "reset" } });
    await expect(me()).rejects.toThrow();
    expect((await me()).status).toBe(200);
  });
});

describe("counters, tokens, reset", () => {
  it("counts /v1 and /api/token requests by path, token and listener, not control requests", async () => {
    await control(emu, "POST", "/counters/reset");
    await me();
    await me();
    await api(emu, "/v1/me/player/recently-played?limit=5", rory.access_token);
    await api(emu, "/v1/me", null);
    await tokenRequest(emu, { grant_type: "refresh_token", refresh_token: rory.refresh_token });
    await control(emu, "GET", "/listeners");
    const counters = await control(emu, "GET", "/counters");
    expect(counters).toEqual({
      requests: { "GET /v1/me": 3, "GET /v1/me/player/recently-played": 1, "POST /api/token": 1 },
      requestsByAccessToken: { [rory.access_token]: 3 },
      refreshGrants: 1,
      codeGrants: 0,
      tokenErrors: 0,
      rateLimited: 0,
      upstreamByListener: { rory: 3 },
    });
    const zero = await control(emu, "POST", "/counters/reset");
    expect(zero.requests).toEqual({});
  });

  it("lists every token issued", async () => {
    const tokens = await control(emu, "GET", "/tokens");
    expect(tokens).toEqual({ accessTokens: [rory.access_token], refreshTokens: [rory.refresh_token] });
  });

  it("resets state, tokens, counters, faults and config; the same seed gives the same library", async () => {
    const lib1 = (await control(emu, "GET", "/listeners/maya")).library;
    await control(emu, "POST", "/config", { accessTokenLifetimeSec: 5, refreshPolicy: "rotate" });
    await control(emu, "POST", "/faults", { count: 10, fault: { status: 500 } });
    await control(emu, "POST", "/listeners/maya/player", { action: "stop" });
    await control(emu, "POST", "/reset", {});
    expect((await control(emu, "GET", "/counters")).requests).toEqual({});
    expect((await me()).status).toBe(401);
    expect(await control(emu, "GET", "/tokens")).toEqual({ accessTokens: [], refreshTokens: [] });
    expect((await control(emu, "GET", "/config")).refreshPolicy).toBe("keep");
    const fresh = await signIn(emu);
    expect((await api(emu, "/v1/me", fresh.access_token)).status).toBe(200);
    expect((await control(emu, "GET", "/listeners/maya")).library).toEqual(lib1);
    await control(emu, "POST", "/reset", { seed: 99 });
    expect((await control(emu, "GET", "/listeners/maya")).library).not.toEqual(lib1);
  });

  it("lists the demo listeners", async () => {
    expect(await control(emu, "GET", "/listeners")).toEqual([
      { id: "rory", displayName: "Rory", product: "premium", allowListed: true },
      { id: "maya", displayName: "Maya Chen", product: "premium", allowListed: true },
      { id: "sam", displayName: "Sam", product: "free", allowListed: true },
      { id: "flick", displayName: "Flick", product: "premium", allowListed: true },
      { id: "outsider", displayName: "Outsider (not on allow-list)", product: "premium", allowListed: false },
    ]);
  });

  it("drives playback and returns to the seeded schedule", async () => {
    const lib = (await control(emu, "GET", "/listeners/maya")).library;
    const played = await control(emu, "POST", "/listeners/maya/player", {
      action: "play",
      uri: lib.tracks[3].uri,
      positionMs: 1000,
    });
    expect(played).toMatchObject({
      id: "maya",
      state: "playing",
      kind: "track",
      item: { uri: lib.tracks[3].uri },
      progressMs: 1000,
    });
    expect((await control(emu, "POST", "/listeners/maya/player", { action: "pause" })).state).toBe("paused");
    const noUri = await control(emu, "POST", "/listeners/maya/player", { action: "play" });
    expect(noUri).toMatchObject({ state: "playing", item: { uri: lib.tracks[3].uri } });
    const bad = await fetch(`${emu.url}/__emulator/listeners/maya/player`, {
      method: "POST",
      headers: controlHeaders(emu.controlToken, "POST"),
      body: JSON.stringify({ action: "play", uri: "spotify:track:nope" }),
    });
    expect(bad.status).toBe(400);
    const auto = await control(emu, "POST", "/listeners/maya/player", { action: "autoplay" });
    expect(["playing", "paused", "stopped"]).toContain(auto.state);
    const nobody = await fetch(`${emu.url}/__emulator/listeners/nobody`, {
      headers: controlHeaders(emu.controlToken, "GET"),
    });
    expect(nobody.status).toBe(404);
  });
});

/** A control request whose status the test checks (control() throws on anything but 2xx). */
async function rawControl(
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: Json }> {
  const res = await fetch(`${emu.url}/__emulator${path}`, {
    method,
    headers: controlHeaders(emu.controlToken, method),
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe("clock", () => {
  it("reports now and speed, takes advanceMs and/or speed, and reset goes back to speed 1", async () => {
    expect(await control(emu, "GET", "/clock")).toEqual({ now: START_MS, speed: 1 });
    expect(await control(emu, "POST", "/clock", { speed: 60 })).toEqual({ now: START_MS, speed: 60 });
    expect(await control(emu, "POST", "/clock", { advanceMs: 1_000, speed: 2.5 })).toEqual({
      now: START_MS + 1_000,
      speed: 2.5,
    });
    expect(await control(emu, "POST", "/clock", { advanceMs: 500 })).toEqual({
      now: START_MS + 1_500,
      speed: 2.5,
    });
    await control(emu, "POST", "/reset", {});
    expect(await control(emu, "GET", "/clock")).toEqual({ now: START_MS, speed: 1 });
  });

  it.each([
    ["an empty body", {}],
    ["speed 0", { speed: 0 }],
    ["a negative speed", { speed: -2 }],
    ["a speed beyond 100000", { speed: 1e6 }],
    ["a string speed", { speed: "fast" }],
    ["a negative advance", { advanceMs: -5 }],
    ["an unknown key", { rate: 60 }],
  ])("rejects %s with 400", async (_name, body) => {
    const res = await rawControl("POST", "/clock", body);
    expect(res.status).toBe(400);
    expect(res.body.error).toEqual(expect.any(String));
    expect(await control(emu, "GET", "/clock")).toEqual({ now: START_MS, speed: 1 });
  });
});

describe("clock speed with a moving wall clock", () => {
  let wall = START_MS;
  let fast: RunningEmulator | undefined;
  const fastEmu = () => {
    if (!fast) throw new Error("not started");
    return fast;
  };
  beforeAll(async () => {
    fast = await startEmulator({ ...TEST_EMULATOR_OPTIONS, seed: 7, now: () => wall });
  });
  afterAll(async () => {
    await fast?.close();
  });

  it("turns X ms of real time into X * speed ms, playback included, without jumps", async () => {
    const clock = (body?: unknown) => control(fastEmu(), body ? "POST" : "GET", "/clock", body);
    const rory = await control(fastEmu(), "POST", "/listeners/rory/player", {
      action: "play",
      positionMs: 0,
    });
    wall += 1_000;
    const t1 = (await clock()).now;
    expect(t1).toBe(START_MS + 1_000);
    expect((await clock({ speed: 60 })).now).toBe(t1);
    wall += 1_500;
    expect((await clock()).now).toBe(t1 + 90_000);
    const listener = await control(fastEmu(), "GET", "/listeners/rory");
    expect(listener.item.uri).toBe(rory.item.uri);
    expect(listener.progressMs).toBe(91_000);
    expect((await clock({ speed: 1 })).now).toBe(t1 + 90_000);
    wall += 10;
    expect((await clock()).now).toBe(t1 + 90_010);
  });
});

describe("listener history", () => {
  type Entry = { uri: string; playedAt: number; loggedAt: number; durationMs: number };
  const historyOf = (id: string, query = "") =>
    control<Entry[]>(emu, "GET", `/listeners/${id}/history${query}`);

  it("lists every logged play oldest first, the same plays recently-played shows", async () => {
    const plays = await historyOf("rory");
    expect(plays.length).toBeGreaterThan(60);
    const lib = (await control(emu, "GET", "/listeners/rory")).library;
    const known = new Map<string, number>([
      ...lib.tracks.map(
        (t: { uri: string; durationMs: number }) => [t.uri, t.durationMs] as [string, number],
      ),
      ...lib.localFiles.map(
        (f: { uri: string; durationMs: number }) => [f.uri, f.durationMs] as [string, number],
      ),
    ]);
    for (const [i, p] of plays.entries()) {
      expect(Object.keys(p).sort()).toEqual(["durationMs", "loggedAt", "playedAt", "uri"]);
      expect(known.get(p.uri)).toBe(p.durationMs);
      expect(p.loggedAt).toBeGreaterThanOrEqual(p.playedAt);
      expect(p.loggedAt).toBeLessThanOrEqual(START_MS);
      if (i > 0) expect(p.playedAt).toBeGreaterThanOrEqual(plays[i - 1]?.playedAt ?? 0);
    }
    const recent = await (await api(emu, "/v1/me/player/recently-played?limit=50", rory.access_token)).json();
    expect(
      recent.items.map((i: { played_at: string; track: { uri: string } }) => [
        Date.parse(i.played_at),
        i.track.uri,
      ]),
    ).toEqual(
      plays
        .slice(-50)
        .reverse()
        .map((p) => [p.playedAt, p.uri]),
    );
  });

  it("filters with since (played at or after), and shows a manual play the moment it is logged", async () => {
    const lib = (await control(emu, "GET", "/listeners/maya")).library;
    await control(emu, "POST", "/listeners/maya/player", { action: "play", uri: lib.tracks[1].uri });
    await control(emu, "POST", "/clock", { advanceMs: 50_000 });
    await control(emu, "POST", "/listeners/maya/player", { action: "stop" });
    const at = START_MS + 50_000;
    expect(await historyOf("maya", `?since=${at}`)).toEqual([
      { uri: lib.tracks[1].uri, playedAt: at, loggedAt: at, durationMs: lib.tracks[1].durationMs },
    ]);
    expect(await historyOf("maya", `?since=${at + 1}`)).toEqual([]);
    const all = await historyOf("maya");
    expect(all.at(-1)?.playedAt).toBe(at);
    const since = all[10]?.playedAt ?? 0;
    expect(await historyOf("maya", `?since=${since}`)).toEqual(all.filter((p) => p.playedAt >= since));
  });

  it("keeps 48 simulated hours of the fastest listener on top of the day before startup", async () => {
    await control(emu, "POST", "/clock", { advanceMs: 48 * HOUR });
    const plays = await historyOf("flick");
    expect(plays.length).toBeGreaterThan(5_000);
    expect(plays[0]?.playedAt).toBeLessThan(START_MS - 23 * HOUR);
    expect(plays.at(-1)?.playedAt).toBeGreaterThan(START_MS + 48 * HOUR - HOUR);
  });

  it("rejects a bad since and unknown listeners", async () => {
    for (const since of ["abc", "-5", "1.5", ""]) {
      const res = await rawControl("GET", `/listeners/rory/history?since=${since}`);
      expect(res.status).toBe(400);
    }
    expect((await rawControl("GET", "/listeners/nobody/history")).status).toBe(404);
    expect((await rawControl("POST", "/listeners/rory/history", {})).status).toBe(405);
  });
});

describe("late-logging config", () => {
  it("merges partial updates, and reset restores the defaults", async () => {
    const config = await control(emu, "POST", "/config", { lateLogging: { maxDelayMs: 3 * MINUTE } });
    expect(config.lateLogging).toEqual({
      share: 1 / 12,
      minDelayMs: MINUTE,
      maxDelayMs: 3 * MINUTE,
      includeManual: false,
    });
    expect(config.refreshPolicy).toBe("keep");
    await control(emu, "POST", "/reset", {});
    expect((await control(emu, "GET", "/config")).lateLogging.maxDelayMs).toBe(8 * MINUTE);
  });

  it.each([
    ["share above 1", { share: 1.5 }],
    ["a negative share", { share: -0.1 }],
    ["a string share", { share: "often" }],
    ["a negative delay", { maxDelayMs: -1 }],
    ["a fractional delay", { minDelayMs: 1.5 }],
    ["min above max", { minDelayMs: 10 * MINUTE }],
    ["an unknown key", { delayMs: 1000 }],
    ["a non-boolean includeManual", { includeManual: "yes" }],
    ["null", null],
  ])("rejects %s with 400 and changes nothing", async (_name, lateLogging) => {
    const before = await control(emu, "GET", "/config");
    const res = await rawControl("POST", "/config", { lateLogging, accessTokenLifetimeSec: 5 });
    expect(res.status).toBe(400);
    expect(res.body.error).toEqual(expect.any(String));
    expect(await control(emu, "GET", "/config")).toEqual(before);
  });
});

describe("images", () => {
  it("404s unknown ids and sizes", async () => {
    expect((await fetch(`${emu.url}/images/nothing/640`)).status).toBe(404);
    expect((await fetch(`${emu.url}/images/user-maya/300`)).status).toBe(404);
    expect((await fetch(`${emu.url}/images/user-rory/123`)).status).toBe(404);
  });
});

describe("cli", () => {
  it("prints the listening line and exits cleanly on SIGTERM", async () => {
    const root = fileURLToPath(new URL("..", import.meta.url));
    const tokenFile = join(mkdtempSync(join(tmpdir(), "earshot-emulator-")), "token");
    const child = spawn(process.execPath, ["--import", "tsx", "emulator/cli.ts", "--port", "0"], {
      cwd: root,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, EMULATOR_TOKEN_FILE: tokenFile },
    });
    const lines = await new Promise<string[]>((resolve, reject) => {
      let out = "";
      child.stdout.on("data", (d: Buffer) => {
        out += d.toString();
        if (out.split("\n").length > 2) resolve(out.trim().split("\n"));
      });
      child.on("exit", (code) => reject(new Error(`exited ${code}`)));
    });
    expect(lines[0]).toMatch(/^Spotify emulator listening on http:\/\/127\.0\.0\.1:\d+$/);
    expect(lines[1]).toBe(`Control API token (header x-emulator-token) written to ${tokenFile}`);
    expect(statSync(tokenFile).mode & 0o777).toBe(0o600);
    const url = lines[0]?.split(" ").pop() ?? "";
    const token = readFileSync(tokenFile, "utf8").trim();
    expect((await fetch(`${url}/__emulator/listeners`)).status).toBe(401);
    const listeners = await fetch(`${url}/__emulator/listeners`, { headers: controlHeaders(token, "GET") });
    expect(listeners.status).toBe(200);
    const code = await new Promise<number | null>((resolve) => {
      child.on("exit", resolve);
      child.kill("SIGTERM");
    });
    expect(code).toBe(0);
  });
});

describe("who may drive the control API", () => {
  /** A raw request, so that the Host header is exactly what a browser under DNS rebinding sends. */
  const send = (options: {
    method?: string;
    host?: string;
    headers?: Record<string, string>;
    body?: string;
  }) =>
    new Promise<{ status: number; body: Json }>((resolve, reject) => {
      const req = request(
        `${emu.url}/__emulator/clock`,
        {
          method: options.method ?? "GET",
          headers: { host: options.host ?? `127.0.0.1:${emu.port}`, ...options.headers },
        },
        (res) => {
          let text = "";
          res.on("data", (d: Buffer) => (text += d.toString()));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
        },
      );
      req.on("error", reject);
      req.end(options.body);
    });
  const clockNow = async () => (await control<{ now: number }>(emu, "GET", "/clock")).now;

  it("refuses a request without the run's token, or with another", async () => {
    const none = await send({});
    expect(none.status).toBe(401);
    expect(none.body.error).toMatch(/x-emulator-token/);
    expect((await send({ headers: { "x-emulator-token": "x".repeat(32) } })).status).toBe(401);
    expect((await send({ headers: controlHeaders(emu.controlToken, "GET") })).status).toBe(200);
  });

  it("refuses a write that is not JSON (a page's no-preflight text/plain POST) and changes nothing", async () => {
    const before = await clockNow();
    const plain = await send({
      method: "POST",
      headers: { "x-emulator-token": emu.controlToken, "content-type": "text/plain" },
      body: JSON.stringify({ advanceMs: 60_000 }),
    });
    expect(plain.status).toBe(415);
    const untyped = await send({
      method: "POST",
      headers: { "x-emulator-token": emu.controlToken },
      body: JSON.stringify({ advanceMs: 60_000 }),
    });
    expect(untyped.status).toBe(415);
    expect(await clockNow()).toBe(before);
    const json = await send({
      method: "POST",
      headers: {
        ...controlHeaders(emu.controlToken, "POST"),
        "content-type": "application/json; charset=utf-8",
      },
      body: JSON.stringify({ advanceMs: 60_000 }),
    });
    expect(json.status).toBe(200);
    expect(await clockNow()).toBe(before + 60_000);
  });

  it("answers only a loopback Host on its own port (DNS rebinding sends the attacker's name)", async () => {
    const headers = controlHeaders(emu.controlToken, "GET");
    for (const host of [
      `evil.example:${emu.port}`,
      "evil.example",
      `127.0.0.1:${emu.port + 1}`,
      "127.0.0.1",
    ]) {
      const res = await send({ host, headers });
      expect(res.status, host).toBe(403);
    }
    for (const host of [`127.0.0.1:${emu.port}`, `localhost:${emu.port}`, `[::1]:${emu.port}`]) {
      expect((await send({ host, headers })).status, host).toBe(200);
    }
  });

  it("makes a new random token per start, or takes the one it is given", async () => {
    const a = await startEmulator({ port: 0 });
    const b = await startEmulator({ port: 0, controlToken: "given-token-0123456789" });
    try {
      expect(a.controlToken).toMatch(/^[\w-]{32}$/);
      expect(a.controlToken).not.toBe(emu.controlToken);
      expect(b.controlToken).toBe("given-token-0123456789");
      const res = await fetch(`${b.url}/__emulator/clock`, {
        headers: controlHeaders(b.controlToken, "GET"),
      });
      expect(res.status).toBe(200);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it("leaves Spotify's own endpoints alone: they need no token", async () => {
    expect((await me()).status).toBe(200);
  });
});
