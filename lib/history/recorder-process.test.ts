// The recorder as the launcher runs it (its own process), killed with SIGKILL in the middle of a
// sync, then started again: nothing half-written, no duplicate, no loss. On both stores.
import { type ChildProcess, spawn } from "node:child_process";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "@/emulator/server";
import { control, TEST_EMULATOR_OPTIONS } from "@/emulator/test-support";
import { STORE_KINDS } from "@/lib/db/test-databases";
import { storeForTests } from "@/lib/testing/store-for-tests";
import { signInListener } from "@/lib/testing/store-fixture";

const realClock = { now: () => Date.now(), set() {}, advance() {} };
let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({ ...TEST_EMULATOR_OPTIONS, seed: 11 });
  process.env.SPOTIFY_ACCOUNTS_URL = emu.url;
  process.env.SPOTIFY_API_URL = emu.url;
  process.env.NEXTAUTH_SECRET ??= "store-tests-secret-0123456789abcdefghijkl";
});
afterAll(() => emu.close());

function startRecorder(databaseUrl: string): ChildProcess {
  const child = spawn(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "scripts/worker.ts"],
    {
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        RECORDER_TICK_MS: "200",
        RECORDER_LEASE_MS: "1500",
        NODE_ENV: "production",
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  // Kept for the failure message: what the recorder said.
  child.stdout?.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  return child;
}
const output: string[] = [];

async function waitFor<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}; the recorder said:\n${output.join("")}`);
}

describe.each(STORE_KINDS)("the recorder process on the %s store", (kind) => {
  const store = storeForTests(kind);

  it("survives kill -9 during a sync: no duplicate, no loss", async () => {
    await control(emu, "POST", "/reset", {});
    await control(emu, "POST", "/config", { lateLogging: { share: 0 } });
    await control(emu, "POST", "/counters/reset");
    const person = await signInListener(emu, store().db, realClock, "rory");
    await store().db.execute(sql`update sync_state set next_sync_at = now()`);
    // Spotify hangs on the first recently-played call: the recorder is caught mid-sync.
    await control(emu, "POST", "/faults", {
      path: "/v1/me/player/recently-played",
      count: 1,
      fault: { kind: "delay", ms: 10_000 },
    });

    const first = startRecorder(store().url);
    // Mid-sync: its run is logged as started, and its Spotify call has arrived (and hangs).
    await waitFor(async () => {
      const counters = (await control(emu, "GET", "/counters")) as { requests: Record<string, number> };
      return (counters.requests["GET /v1/me/player/recently-played"] ?? 0) > 0 ? true : undefined;
    }, "the sync's Spotify call");
    const open = await store().db.execute(sql`select 1 from sync_runs where finished_at is null`);
    expect(open.rows.length).toBe(1);
    first.kill("SIGKILL");
    await new Promise((resolve) => first.once("exit", resolve));
    const half = await store().db.execute<{ n: number }>(sql`select count(*)::int as n from plays`);
    expect(half.rows[0]!.n).toBe(0);

    const second = startRecorder(store().url);
    try {
      await waitFor(async () => {
        const runs = await store().db.execute(
          sql`select 1 from sync_runs where finished_at is not null and error is null`,
        );
        return runs.rows.length > 0 ? true : undefined;
      }, "the restarted recorder to finish a sync");
    } finally {
      second.kill("SIGTERM");
      await new Promise((resolve) => second.once("exit", resolve));
    }

    const stored = await store().db.execute<{ track_id: string; played_at: Date }>(
      sql`select track_id, played_at from plays where user_id = ${person.userId} order by played_at`,
    );
    const history = (await control(emu, "GET", "/listeners/rory/history")) as {
      uri: string;
      playedAt: number;
    }[];
    const window = history.slice(-50);
    expect(
      stored.rows.map((row) => ({ uri: row.track_id, playedAt: new Date(row.played_at).getTime() })),
    ).toEqual(window.map(({ uri, playedAt }) => ({ uri, playedAt })));
  }, 90_000);
});
