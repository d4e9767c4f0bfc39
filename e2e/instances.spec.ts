// Two app instances (each Next.js plus its recorder, as `npm start` runs them) on one PostgreSQL and
// one Spotify (the emulator): a person's requests hit both at each token expiry, yet Spotify sees
// one refresh grant per expiry; both recorders sync, yet each play is stored once.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { Client } from "pg";
import { startEmulator, type RunningEmulator } from "../emulator/server";
import { expect, test } from "@playwright/test";
import { APP_PORT, EMULATOR_PORT } from "./fixtures/urls";

const ADMIN_URL = process.env.TEST_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/test";
const LIFETIME_S = 6;
const ports = [APP_PORT + 11, APP_PORT + 12];
const urls = ports.map((port) => `http://127.0.0.1:${port}`);

let emu: RunningEmulator;
let databaseUrl: string;
let dbName: string;
const instances: ChildProcess[] = [];

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

async function sql<T>(text: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}

test.beforeAll(async () => {
  test.setTimeout(180_000);
  emu = await startEmulator({
    port: EMULATOR_PORT + 10,
    redirectUris: urls.map((url) => `${url}/api/auth/callback/spotify`),
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
  for (const [i, port] of ports.entries()) {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/run.ts", "start"], {
      detached: true,
      stdio: ["ignore", "ignore", "inherit"],
      env: {
        ...process.env,
        PORT: String(port),
        // The emulator's demo client, used as a real Spotify app would be: both instances share it.
        SPOTIFY_CLIENT_ID: "earshot-demo",
        SPOTIFY_CLIENT_SECRET: "earshot-demo-secret",
        SPOTIFY_ACCOUNTS_URL: emu.url,
        SPOTIFY_API_URL: emu.url,
        NEXTAUTH_SECRET: secret,
        NEXTAUTH_URL: urls[i],
        DATABASE_URL: databaseUrl,
        RECORDER_TICK_MS: "300",
        NODE_ENV: "production",
      },
    });
    instances.push(child);
  }
  for (const url of urls) {
    const deadline = Date.now() + 120_000;
    for (;;) {
      const ok = await fetch(`${url}/api/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      if (Date.now() > deadline) throw new Error(`${url} did not start`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
});

test.afterAll(async () => {
  for (const child of instances) {
    try {
      if (child.pid) process.kill(-child.pid, "SIGTERM");
    } catch {
      // already gone
    }
  }
  await Promise.all(
    instances.map(
      (child) =>
        new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once("exit", resolve))),
    ),
  );
  await emu?.close();
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`drop database if exists ${dbName} with (force)`);
  await admin.end();
});

test("one refresh grant per expiry across two instances, and each play stored once by two recorders", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await control("POST", "/config", {
    accessTokenLifetimeSec: LIFETIME_S,
    refreshPolicy: "rotate",
    lateLogging: { share: 0 },
  });
  // Sign in on the first instance; the cookie (host 127.0.0.1, any port) reaches the second too.
  await page.goto(`${urls[0]}/signin?callbackUrl=%2Fsettings`);
  await page.getByRole("button", { name: "Sign in with Spotify" }).click();
  await page.waitForURL(`${emu.url}/authorize**`);
  await page.locator(`input[name="listener"][value="rory"]`).check();
  await page.getByRole("button", { name: "Agree" }).click();
  await page.waitForURL(`${urls[0]}/settings`);

  for (let expiry = 1; expiry <= 2; expiry++) {
    await page.waitForTimeout(LIFETIME_S * 1000 + 500);
    const statuses = await Promise.all(
      urls.flatMap((url) =>
        Array.from({ length: 20 }, () =>
          page.request.get(`${url}/api/spotify/currently-playing`).then((r) => r.status()),
        ),
      ),
    );
    expect(statuses).toEqual(Array(40).fill(200));
    expect((await control<{ refreshGrants: number }>("GET", "/counters")).refreshGrants).toBe(expiry);
  }

  // Both recorders are due at once, twice: each play is stored once.
  for (let round = 1; round <= 2; round++) {
    await sql("update sync_state set next_sync_at = now()");
    await expect
      .poll(
        async () =>
          (
            await sql<{ n: number }>(
              "select count(*)::int as n from sync_runs where finished_at is not null and error is null",
            )
          )[0]!.n,
        {
          timeout: 20_000,
        },
      )
      .toBeGreaterThanOrEqual(round);
  }
  const runs = await sql<{ started_at: Date; finished_at: Date }>(
    "select started_at, finished_at from sync_runs order by started_at",
  );
  for (let i = 1; i < runs.length; i++)
    expect(runs[i]!.started_at.getTime()).toBeGreaterThanOrEqual(runs[i - 1]!.finished_at.getTime()); // never two at once
  const stored = await sql<{ track_id: string; played_at: Date }>(
    "select track_id, played_at from plays order by played_at",
  );
  const history = await control<{ uri: string; playedAt: number }[]>("GET", "/listeners/rory/history");
  // Everything Spotify logged since the oldest stored play (the window at the first sync), once.
  const oldest = stored[0]!.played_at.getTime();
  const expected = history
    .filter((play) => play.playedAt >= oldest)
    .map(({ uri, playedAt }) => ({ uri, playedAt }));
  expect(expected.length).toBeGreaterThanOrEqual(50);
  expect(stored.map((row) => ({ uri: row.track_id, playedAt: row.played_at.getTime() }))).toEqual(expected);
});
