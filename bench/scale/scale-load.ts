// Benchmark: Earshot under a crowd. 200 signed-in people (BENCH_SCALE_PEOPLE), each with a dashboard
// and a history page open that ask what the real pages ask, on their real schedule (./crowd.ts), for
// 5 minutes (BENCH_SCALE_MINUTES), against `next start` and its recorder, with the emulator (its
// crowd of listeners, in a process of its own) as Spotify and PostgreSQL as the store. Two runs:
//   one instance  - in-process shared state (no Redis);
//   two instances - one PostgreSQL, one Redis, each instance with its recorder; every person's
//                   requests alternate between the instances.
// Reported per run: errors; p50/p99 of /api/spotify/* and /api/history (after a warm-up of the
// first fifth of the run, at most a minute); RSS of each instance after the warm-up and at the end;
// upstream calls (the emulator's counters) against what the schedule asked for (the answered
// /api/spotify/* requests plus the recorders' syncs) and against the budget.
// Goals: 0 errors; p99 <= 100 ms; RSS growth <= 10 %; no amplification (upstream <= asked).
// Everything listens on 127.0.0.1 and stops by itself (a hard deadline ends the process).
// Run: npm run bench:scale   (builds first; about 14 minutes)
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { Client } from "pg";
import { controlHeaders } from "../../emulator/control-guard";
import { readControlToken } from "../../emulator/control-token-file";
import { signInCookie } from "../lib/sign-in";
import { type CrowdStats, Person } from "./crowd";

const PEOPLE = Number(process.env.BENCH_SCALE_PEOPLE || 200);
const MINUTES = Number(process.env.BENCH_SCALE_MINUTES || 5);
const BUDGET = Number(process.env.BENCH_SCALE_BUDGET || 3_000);
const ADMIN_URL = process.env.TEST_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/test";
const REDIS_URL = process.env.TEST_REDIS_URL || "redis://127.0.0.1:6379";
const EMULATOR_PORT = 3290;
const APP_PORTS = [3210, 3211];
const RUN_MS = MINUTES * 60_000;
const WARMUP_MS = Math.min(60_000, RUN_MS / 5);

// However it goes, the benchmark ends: everything it started goes with it.
const children: ChildProcess[] = [];
const killAll = () => {
  for (const child of children) {
    try {
      if (child.pid && child.exitCode === null) process.kill(-child.pid, "SIGTERM");
    } catch {
      // already gone
    }
  }
};
process.once("exit", killAll);
for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.once(signal, () => (killAll(), process.exit(130)));
setTimeout(
  () => {
    console.error("bench:scale ran past its deadline; stopping");
    process.exit(1);
  },
  2 * (RUN_MS + 6 * 60_000),
).unref();

function start(args: string[], env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, args, {
    detached: true,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, ...env },
  });
  children.push(child);
  return child;
}

async function stop(child: ChildProcess) {
  if (!child.pid || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  process.kill(-child.pid, "SIGTERM");
  await exited;
}

async function waitFor(url: string, child: ChildProcess) {
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (
      await fetch(url).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`${url} did not start`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** RSS (MB) of every process in the instance's process group (launcher, Next.js, recorder), and of Next.js alone. */
function rssOf(child: ChildProcess): { total: number; next: number } {
  const out = execFileSync("ps", ["-o", "rss=,args=", "-g", String(child.pid)], { encoding: "utf8" });
  let total = 0;
  let next = 0;
  for (const line of out.trim().split("\n")) {
    const match = /^\s*(\d+)\s+(.*)$/.exec(line);
    if (!match) continue;
    const kb = Number(match[1]);
    total += kb;
    if (/next-server|next start|next\/dist/.test(match[2]!)) next += kb;
  }
  return { total: total / 1024, next: next / 1024 };
}

const percentile = (values: number[], p: number) => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

type Emulator = { url: string; token: string; child: ChildProcess };

async function startEmulatorProcess(): Promise<Emulator> {
  mkdirSync("bench/results", { recursive: true });
  const tokenFile = `bench/results/emulator-token-${EMULATOR_PORT}`;
  const child = start(["--import", "tsx", "emulator/cli.ts", "--port", String(EMULATOR_PORT)], {
    EMULATOR_CROWD: String(PEOPLE),
    EMULATOR_TOKEN_FILE: tokenFile,
    NEXTAUTH_URL: `http://127.0.0.1:${APP_PORTS[0]}`,
  });
  const url = `http://127.0.0.1:${EMULATOR_PORT}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (
      await fetch(`${url}/v1/me`).then(
        () => true,
        () => false,
      )
    )
      break;
    if (Date.now() > deadline) throw new Error("the emulator did not start");
    await new Promise((r) => setTimeout(r, 250));
  }
  return { url, token: readControlToken(tokenFile), child };
}

async function control<T>(emu: Emulator, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${emu.url}/__emulator${path}`, {
    method,
    headers: controlHeaders(emu.token, method),
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`emulator ${method} ${path}: ${response.status}`);
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

async function admin(query: string) {
  const client = new Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(query);
  } finally {
    await client.end();
  }
}

type RunResult = {
  label: string;
  requests: { spotify: number; history: number };
  p50: { spotify: number; history: number };
  p99: { spotify: number; history: number };
  max: { spotify: number; history: number };
  errors: CrowdStats["errors"];
  rss: { warm: number[]; end: number[] };
  upstream: number;
  asked: number;
  syncs: number;
  load: string;
};

async function run(label: string, instances: number, emu: Emulator): Promise<RunResult> {
  const dbName = `earshot_bench_${randomBytes(5).toString("hex")}`;
  await admin(`create database ${dbName}`);
  const dbUrl = new URL(ADMIN_URL);
  dbUrl.pathname = `/${dbName}`;
  const secret = randomBytes(32).toString("base64url");
  const redisPrefix = `earshot-bench:${randomBytes(4).toString("hex")}:`;
  const urls = APP_PORTS.slice(0, instances).map((port) => `http://127.0.0.1:${port}`);
  const apps: ChildProcess[] = [];
  try {
    for (const [i, url] of urls.entries()) {
      const app = start(["--import", "tsx", "scripts/run.ts", "start"], {
        PORT: String(APP_PORTS[i]),
        SPOTIFY_CLIENT_ID: "earshot-demo",
        SPOTIFY_CLIENT_SECRET: "earshot-demo-secret",
        SPOTIFY_ACCOUNTS_URL: emu.url,
        SPOTIFY_API_URL: emu.url,
        NEXTAUTH_SECRET: secret,
        NEXTAUTH_URL: url,
        DATABASE_URL: dbUrl.toString(),
        SPOTIFY_BUDGET_PER_MINUTE: String(BUDGET),
        NODE_ENV: "production",
        ...(instances > 1 ? { REDIS_URL: REDIS_URL, REDIS_PREFIX: redisPrefix } : { REDIS_URL: "" }),
      });
      apps.push(app);
      // One at a time: the first migrates the new database.
      await waitFor(`${url}/api/health`, app);
    }
    await control(emu, "POST", "/reset");
    await control(emu, "POST", "/config", { rateLimit: null });

    // Everyone signs in on the first instance; the cookie (host 127.0.0.1) is good on every instance.
    const people: { listener: string; cookie: string }[] = [];
    for (let i = 1; i <= PEOPLE; i++) {
      const listener = `crowd-${String(i).padStart(3, "0")}`;
      people.push({ listener, cookie: await signInCookie(urls[0]!, listener) });
    }
    console.log(`  ${label}: ${PEOPLE} people signed in; running for ${MINUTES} min`);

    await control(emu, "POST", "/counters/reset");
    const startedAt = Date.now();
    const stopAt = { until: startedAt + RUN_MS };
    const stats: CrowdStats = { samples: [], spotifyAnswered: 0, errors: [] };
    const crowd = people.map((p) => new Person(p.listener, p.cookie, urls, stats, stopAt));
    let warm: number[] = [];
    let spotifyAtWarm = 0;
    let upstreamAtWarm = 0;
    let syncsAtWarm = 0;
    const syncsSoFar = async () => {
      const client = new Client({ connectionString: dbUrl.toString() });
      await client.connect();
      try {
        const { rows } = await client.query<{ n: number }>(
          "select count(*)::int as n from sync_runs where finished_at is not null",
        );
        return rows[0]!.n;
      } finally {
        await client.end();
      }
    };
    const upstreamSoFar = async () => {
      const counters = await control<{ upstreamByListener: Record<string, number> }>(emu, "GET", "/counters");
      return Object.values(counters.upstreamByListener).reduce((a, b) => a + b, 0);
    };
    const warmTimer = setTimeout(() => {
      void (async () => {
        warm = apps.map((app) => rssOf(app).total);
        spotifyAtWarm = stats.spotifyAnswered;
        [upstreamAtWarm, syncsAtWarm] = await Promise.all([upstreamSoFar(), syncsSoFar()]);
      })();
    }, WARMUP_MS);
    const progress = setInterval(() => {
      const minute = Math.round((Date.now() - startedAt) / 60_000);
      console.log(
        `  ${label}: ${minute} min, ${stats.samples.length} requests, ${stats.errors.length} errors, load ${loadavg()[0]!.toFixed(2)}`,
      );
    }, 60_000);
    await Promise.all(crowd.map((person) => person.run()));
    clearTimeout(warmTimer);
    clearInterval(progress);
    const end = apps.map((app) => rssOf(app).total);
    const [upstream, syncs] = await Promise.all([upstreamSoFar(), syncsSoFar()]);
    const load = loadavg()
      .map((l) => l.toFixed(2))
      .join(", ");

    const measured = stats.samples.filter((s) => s.at - startedAt >= WARMUP_MS);
    // Every measured request, to see where the slow ones fall (in time, by path).
    writeFileSync(
      `bench/results/scale-${apps.length}-instance${apps.length > 1 ? "s" : ""}.json`,
      JSON.stringify(measured.map((s) => ({ ...s, at: s.at - startedAt }))),
    );
    const of = (route: "spotify" | "history") => measured.filter((s) => s.route === route).map((s) => s.ms);
    const round = (n: number) => Math.round(n * 10) / 10;
    return {
      label,
      requests: { spotify: of("spotify").length, history: of("history").length },
      p50: { spotify: round(percentile(of("spotify"), 50)), history: round(percentile(of("history"), 50)) },
      p99: { spotify: round(percentile(of("spotify"), 99)), history: round(percentile(of("history"), 99)) },
      max: { spotify: round(Math.max(...of("spotify"))), history: round(Math.max(...of("history"))) },
      errors: stats.errors,
      rss: { warm, end },
      upstream: upstream - upstreamAtWarm,
      asked: stats.spotifyAnswered - spotifyAtWarm + (syncs - syncsAtWarm),
      syncs: syncs - syncsAtWarm,
      load,
    };
  } finally {
    for (const app of apps) await stop(app);
    await admin(`drop database if exists ${dbName} with (force)`).catch(() => undefined);
  }
}

function report(result: RunResult) {
  const growth = result.rss.warm.map((warm, i) => ((result.rss.end[i]! - warm) / warm) * 100);
  const minutes = (RUN_MS - WARMUP_MS) / 60_000;
  console.log(`\n${result.label} (load average at the end: ${result.load})`);
  console.table({
    "/api/spotify/*": {
      requests: result.requests.spotify,
      "p50 ms": result.p50.spotify,
      "p99 ms": result.p99.spotify,
      "max ms": result.max.spotify,
    },
    "/api/history": {
      requests: result.requests.history,
      "p50 ms": result.p50.history,
      "p99 ms": result.p99.history,
      "max ms": result.max.history,
    },
  });
  const codes = new Map<string, number>();
  for (const e of result.errors)
    codes.set(`${e.status} ${e.code}`, (codes.get(`${e.status} ${e.code}`) ?? 0) + 1);
  console.log(
    `  errors: ${result.errors.length}${codes.size ? ` (${[...codes].map(([k, n]) => `${k} x${n}`).join(", ")})` : ""}`,
  );
  console.log(
    `  RSS after warm-up -> end (MB, per instance incl. its recorder): ${result.rss.warm
      .map((w, i) => `${w.toFixed(0)} -> ${result.rss.end[i]!.toFixed(0)} (${growth[i]!.toFixed(1)} %)`)
      .join("; ")}`,
  );
  console.log(
    `  upstream calls after warm-up: ${result.upstream} for ${result.asked} asked (${result.asked - result.syncs} answered /api/spotify/* + ${result.syncs} recorder syncs): ` +
      `${(result.upstream / Math.max(1, result.asked)).toFixed(3)} per ask; ${(result.upstream / minutes).toFixed(0)}/min against a budget of ${BUDGET}/min`,
  );
  const p99ok = result.p99.spotify <= 100 && result.p99.history <= 100;
  console.log(
    `  goals: 0 errors ${result.errors.length === 0 ? "met" : "NOT met"}; p99 <= 100 ms ${p99ok ? "met" : "NOT met"}; ` +
      `RSS <= 10 % ${growth.every((g) => g <= 10) ? "met" : "NOT met"}; no amplification ${result.upstream <= result.asked ? "met" : "NOT met"}`,
  );
}

console.log(
  `bench:scale: ${PEOPLE} people, ${MINUTES} min per run, load average at start ${loadavg()[0]!.toFixed(2)}`,
);
const emu = await startEmulatorProcess();
try {
  const modes = (process.env.BENCH_SCALE_MODES || "1,2").split(",").map(Number);
  const results: RunResult[] = [];
  for (const n of modes) results.push(await run(n === 1 ? "One instance" : `${n} instances + Redis`, n, emu));
  results.forEach(report);
} finally {
  await stop(emu.child);
}
process.exit(0);
