// Two app instances (each Next.js plus its recorder) on one PostgreSQL and one Redis, behind a
// round-robin reverse proxy (as any deployment would put them), with the emulator as Spotify:
// a person's requests alternate between the instances, yet they cost what one instance's would; one
// refresh grant per expiry; a 429 on one instance closes the gate on both; a play recorded by either
// reaches the open history page; and one instance dying mid-poll leaves the dashboard without error.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createServer, request as httpRequest, type IncomingMessage, type Server } from "node:http";
import { Client } from "pg";
import { startEmulator, type RunningEmulator } from "../emulator/server";
import { expect, test } from "@playwright/test";
import { APP_PORT, EMULATOR_PORT } from "./fixtures/urls";

const ADMIN_URL = process.env.TEST_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/test";
const REDIS_URL = process.env.TEST_REDIS_URL || "redis://127.0.0.1:6379";
const LIFETIME_S = 6;
const proxyPort = APP_PORT + 20;
const ports = [APP_PORT + 21, APP_PORT + 22];
const proxyUrl = `http://127.0.0.1:${proxyPort}`;
const PLAYER = "GET /v1/me/player";

let emu: RunningEmulator;
let databaseUrl: string;
let dbName: string;
let proxy: Server;
const instances: ChildProcess[] = [];
/** Which instance answered each request the proxy passed on, by instance index. */
const served = [0, 0];

test.describe.configure({ mode: "serial" });

async function control<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${emu.url}/__emulator${path}`, {
    method,
    headers: {
      "x-emulator-token": emu.controlToken,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`emulator ${method} ${path}: ${response.status}`);
  return (await response.json()) as T;
}

const playerCalls = async () =>
  (await control<{ requests: Record<string, number> }>("GET", "/counters")).requests[PLAYER] ?? 0;

async function sql<T>(text: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/**
 * Round robin over the instances, one request at a time. A GET that cannot reach an instance (it
 * died, even mid-request) is passed to the next, as a reverse proxy's "next upstream" rule does.
 */
function startProxy(): Promise<Server> {
  let next = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const attempt = (tries: number) => {
        const index = next++ % ports.length;
        const upstream = httpRequest(
          {
            host: "127.0.0.1",
            port: ports[index],
            method: req.method,
            path: req.url,
            headers: req.headers,
          },
          (answer: IncomingMessage) => {
            served[index]!++;
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(res);
          },
        );
        upstream.on("error", () => {
          if (res.headersSent) return res.destroy();
          if (req.method === "GET" && tries < ports.length) return attempt(tries + 1);
          res.writeHead(502).end();
        });
        upstream.end(body);
      };
      attempt(1);
    });
  });
  return new Promise((resolve) => server.listen(proxyPort, "127.0.0.1", () => resolve(server)));
}

/** Exited, or killed by a signal (then exitCode stays null). */
const gone = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  emu = await startEmulator({
    port: EMULATOR_PORT + 20,
    redirectUris: [`${proxyUrl}/api/auth/callback/spotify`],
  });
  dbName = `earshot_e2e_${randomBytes(5).toString("hex")}`;
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${dbName}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${dbName}`;
  databaseUrl = url.toString();
  const secret = randomBytes(32).toString("base64url");
  const redisPrefix = `earshot-e2e:${randomBytes(5).toString("hex")}:`;
  for (const port of ports) {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/run.ts", "start"], {
      detached: true,
      stdio: ["ignore", "ignore", "inherit"],
      env: {
        ...process.env,
        PORT: String(port),
        SPOTIFY_CLIENT_ID: "earshot-demo",
        SPOTIFY_CLIENT_SECRET: "earshot-demo-secret",
        SPOTIFY_ACCOUNTS_URL: emu.url,
        SPOTIFY_API_URL: emu.url,
        // Every instance: the same secret, the same public URL (the proxy's), the same Spotify client.
        NEXTAUTH_SECRET: secret,
        NEXTAUTH_URL: proxyUrl,
        DATABASE_URL: databaseUrl,
        REDIS_URL,
        REDIS_PREFIX: redisPrefix,
        RECORDER_TICK_MS: "300",
        NODE_ENV: "production",
      },
    });
    instances.push(child);
    // One at a time: the first migrates the new database.
    const deadline = Date.now() + 120_000;
    for (;;) {
      const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      if (Date.now() > deadline || child.exitCode !== null)
        throw new Error(`instance on ${port} did not start`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  proxy = await startProxy();
});

test.afterAll(async () => {
  proxy?.closeAllConnections(); // the browser keeps its connections open
  await new Promise((resolve) => proxy?.close(resolve));
  for (const child of instances) {
    try {
      if (child.pid && !gone(child)) process.kill(-child.pid, "SIGTERM");
    } catch {
      // already gone
    }
  }
  await Promise.all(
    instances.map(
      (child) => new Promise((resolve) => (gone(child) ? resolve(null) : child.once("exit", resolve))),
    ),
  );
  await emu?.close();
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`drop database if exists ${dbName} with (force)`);
  await admin.end();
});

test("two instances and Redis behind a proxy: one instance's Spotify calls, one refresh grant per expiry, one 429 gate, a play recorded by either on the page, and a dead instance unnoticed", async ({
  page,
}) => {
  test.setTimeout(180_000);
  await control("POST", "/config", {
    accessTokenLifetimeSec: LIFETIME_S,
    refreshPolicy: "rotate",
    lateLogging: { share: 0 },
  });
  await page.goto(`${proxyUrl}/signin?callbackUrl=%2Fsettings`);
  await page.getByRole("button", { name: "Sign in with Spotify" }).click();
  await page.waitForURL(`${emu.url}/authorize**`);
  await page.locator(`input[name="listener"][value="rory"]`).check();
  await page.getByRole("button", { name: "Agree" }).click();
  await page.waitForURL(`${proxyUrl}/settings`);
  const player = () => page.request.get(`${proxyUrl}/api/spotify/player`);

  await test.step("three tabs polling together, their requests spread over both instances, cost one call per poll", async () => {
    const before = await playerCalls();
    const servedBefore = [...served];
    for (let poll = 0; poll < 4; poll++) {
      const statuses = await Promise.all(
        [player(), player(), player()].map((r) => r.then((x) => x.status())),
      );
      expect(statuses).toEqual([200, 200, 200]);
      await page.waitForTimeout(1_200); // past the sharing window: the next poll is a new question
    }
    expect(await playerCalls()).toBe(before + 4);
    expect(served[0]! - servedBefore[0]!).toBeGreaterThanOrEqual(4);
    expect(served[1]! - servedBefore[1]!).toBeGreaterThanOrEqual(4);
  });

  await test.step("one refresh grant per expiry, whichever instance meets it", async () => {
    const grants = (await control<{ refreshGrants: number }>("GET", "/counters")).refreshGrants;
    await page.waitForTimeout(LIFETIME_S * 1000 + 500);
    const statuses = await Promise.all(Array.from({ length: 20 }, () => player().then((r) => r.status())));
    expect(statuses).toEqual(Array(20).fill(200));
    expect((await control<{ refreshGrants: number }>("GET", "/counters")).refreshGrants).toBe(grants + 1);
    await control("POST", "/config", { accessTokenLifetimeSec: 3600 });
  });

  await test.step("a 429 on one instance closes the gate on both", async () => {
    await page.waitForTimeout(1_200);
    await control("POST", "/faults", {
      path: "/v1/me/player",
      count: 1,
      fault: {
        status: 429,
        headers: { "retry-after": "4" },
        body: { error: { status: 429, message: "slow" } },
      },
    });
    const first = await player();
    expect(first.status()).toBe(429);
    const calls = await playerCalls();
    await page.waitForTimeout(400); // past the moment its failure is shared with those waiting for it
    const after = await Promise.all(Array.from({ length: 4 }, () => player()));
    for (const response of after) {
      expect(response.status()).toBe(429);
      expect((await response.json()).error.code).toBe("rate_limited");
      expect(Number(response.headers()["retry-after"])).toBeGreaterThanOrEqual(1);
    }
    expect(await playerCalls()).toBe(calls); // neither instance asked Spotify
    await page.waitForTimeout(4_200);
    expect((await player()).status()).toBe(200);
  });

  await test.step("a play recorded by either recorder reaches the open history page", async () => {
    // While nothing changes, the history page's check is answered 304 from the plays version alone.
    const first = await page.request.get(`${proxyUrl}/api/history?limit=50`);
    const etag = first.headers()["etag"]!;
    expect(etag).toMatch(/^"plays-/);
    const again = await page.request.get(`${proxyUrl}/api/history?limit=50`, {
      headers: { "if-none-match": etag },
    });
    expect(again.status()).toBe(304);

    await page.goto(`${proxyUrl}/history`);
    const state = await control<{ library: { tracks: { uri: string; name: string; durationMs: number }[] } }>(
      "GET",
      "/listeners/rory",
    );
    const track = state.library.tracks.at(-3)!;
    // Spotify logs a play after 30 s of listening: play the last 31 s, and move its clock past them.
    await control("POST", "/listeners/rory/player", {
      action: "play",
      uri: track.uri,
      positionMs: track.durationMs - 31_000,
      then: "stop",
    });
    await control("POST", "/clock", { advanceMs: 31_500 });
    await sql("update sync_state set next_sync_at = now()");
    await expect(page.getByText(track.name).first()).toBeVisible({ timeout: 30_000 });
  });

  await test.step("one instance dies mid-poll: the dashboard goes on through the other, with no error shown", async () => {
    const state = await control<{ library: { tracks: { uri: string; durationMs: number }[] } }>(
      "GET",
      "/listeners/rory",
    );
    const track = state.library.tracks[0]!;
    // A short remaining time: the dashboard polls at the track's end and then again soon after.
    await control("POST", "/listeners/rory/player", {
      action: "play",
      uri: track.uri,
      positionMs: track.durationMs - 6_000,
    });
    await page.goto(`${proxyUrl}/dashboard`);
    await expect(page.getByTestId("now-playing-title")).toBeVisible();
    const answered: number[] = [];
    page.on("response", (response) => {
      if (response.url().endsWith("/api/spotify/player")) answered.push(response.status());
    });
    await page.waitForRequest((request) => request.url().endsWith("/api/spotify/player"), {
      timeout: 20_000,
    });
    process.kill(-instances[1]!.pid!, "SIGKILL"); // mid-poll, or as near as a test can tell
    await expect.poll(() => answered.length, { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
    expect(answered.every((status) => status === 200)).toBe(true);
    await expect(page.getByTestId("connection-notice")).toHaveCount(0);
  });
});
