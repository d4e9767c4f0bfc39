// Benchmark: Lighthouse (12.2.3, its default mobile profile with simulated throttling) on the built
// app's home page and on a signed-in dashboard, in the system's Chromium. Each page runs RUNS times and
// the median run counts (scores move a little from run to run on a busy machine).
// Goals: performance ≥ 95, accessibility 100, best practices ≥ 95 on both; exits 1 below them.
// Run: npm run bench:lighthouse   (builds first; CHROMIUM=/path/to/chromium to use another browser)
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import lighthouse from "lighthouse";
import { startApp } from "./lib/app-server";
import { signInCookie } from "./lib/sign-in";

const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const GOALS = { performance: 95, accessibility: 100, "best-practices": 95 } as const;
type Category = keyof typeof GOALS;
type Scores = Record<Category, number>;

/** Chromium with a DevTools port of its own choosing (no clash with anyone else's), for Lighthouse. */
async function launchChromium(): Promise<{ port: number; stop(): Promise<void> }> {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM} (set CHROMIUM)`);
  const profile = mkdtempSync(join(tmpdir(), "earshot-lighthouse-"));
  const child: ChildProcess = spawn(
    CHROMIUM,
    [
      "--headless=new",
      "--no-sandbox",
      "--remote-debugging-port=0",
      "--remote-debugging-address=127.0.0.1",
      `--user-data-dir=${profile}`,
      "--no-first-run",
      "--no-default-browser-check",
      "about:blank",
    ],
    { stdio: "ignore" },
  );
  const removeProfile = () =>
    rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  process.once("exit", () => {
    if (child.exitCode === null) child.kill("SIGKILL");
  });
  // The profile can go only once Chromium has stopped writing to it.
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    }
    removeProfile();
  };
  // Chromium writes the port it picked to DevToolsActivePort in its profile.
  const file = join(profile, "DevToolsActivePort");
  const deadline = Date.now() + 20_000;
  while (!existsSync(file) || readFileSync(file, "utf8").trim() === "") {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error("Chromium did not start");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const port = Number(readFileSync(file, "utf8").split("\n")[0]);
  return { port, stop };
}

async function audit(url: string, port: number, headers: Record<string, string>): Promise<Scores> {
  const result = await lighthouse(url, {
    port,
    output: "json",
    logLevel: "error",
    onlyCategories: Object.keys(GOALS),
    extraHeaders: headers,
  });
  if (!result) throw new Error(`Lighthouse gave no result for ${url}`);
  const { categories, runtimeError } = result.lhr;
  if (runtimeError) throw new Error(`Lighthouse on ${url}: ${runtimeError.code} ${runtimeError.message}`);
  const score = (id: Category) => Math.round((categories[id]?.score ?? 0) * 100);
  // What cost points, so that a figure below its goal says where to look.
  for (const ref of Object.values(categories).flatMap((c) => c.auditRefs)) {
    const found = result.lhr.audits[ref.id];
    if (ref.weight > 0 && found && found.score !== null && found.score < 0.9)
      console.log(`    ${url}: ${found.id} ${found.score} ${found.displayValue ?? ""}`);
  }
  return {
    performance: score("performance"),
    accessibility: score("accessibility"),
    "best-practices": score("best-practices"),
  };
}

function median(runs: Scores[]): Scores {
  const mid = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  return {
    performance: mid(runs.map((r) => r.performance)),
    accessibility: mid(runs.map((r) => r.accessibility)),
    "best-practices": mid(runs.map((r) => r["best-practices"])),
  };
}

async function main() {
  const app = await startApp({ port: 3170, emulatorPort: 4670 });
  const chromium = await launchChromium();
  let failed = false;
  try {
    const cookie = await signInCookie(app.appUrl);
    const pages: [string, string, Record<string, string>][] = [
      ["home", `${app.appUrl}/`, {}],
      ["dashboard (signed in)", `${app.appUrl}/dashboard`, { cookie }],
    ];
    for (const [name, url, headers] of pages) {
      // One unmeasured load first: Next.js compiles nothing at run time, but the server warms up.
      await audit(url, chromium.port, headers);
      const runs: Scores[] = [];
      for (let i = 0; i < RUNS; i++) runs.push(await audit(url, chromium.port, headers));
      const scores = median(runs);
      const below = (Object.keys(GOALS) as Category[]).filter((c) => scores[c] < GOALS[c]);
      failed ||= below.length > 0;
      console.log(
        `${name}: performance ${scores.performance}, accessibility ${scores.accessibility}, ` +
          `best practices ${scores["best-practices"]} (median of ${RUNS}; runs: ` +
          `${runs.map((r) => r.performance).join("/")} performance)` +
          (below.length > 0 ? `  BELOW GOAL: ${below.join(", ")}` : ""),
      );
    }
  } finally {
    await chromium.stop();
    await app.stop();
  }
  console.log(
    `goals: performance ≥ ${GOALS.performance}, accessibility ${GOALS.accessibility}, best practices ≥ ${GOALS["best-practices"]}`,
  );
  process.exit(failed ? 1 : 0);
}

await main();
