// Benchmark: Lighthouse (12.2.3, its default mobile profile with simulated throttling) on the built
// app's home page and on a signed-in dashboard, in the system's Chromium. Each page runs RUNS times and
// each figure's median counts: simulated throttling scales the CPU time it observes, so a machine busy
// with other work slows the figures down (each run prints Lighthouse's CPU benchmark index and the
// load average, to tell the page's cost from the machine's).
// Goals: performance ≥ 95, accessibility 100, best practices ≥ 95 on both; exits 1 below them.
// Each run's figures (score, LCP, TBT, CLS) are printed and its full report is kept in bench/results/.
// Run: npm run bench:lighthouse   (builds first; CHROMIUM=/path/to/chromium to use another browser;
// BENCH_APP_PORT and BENCH_EMULATOR_PORT move the app and its emulator off 3170 and 4670)
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import lighthouse from "lighthouse";
import { startApp } from "./lib/app-server";
import { signInCookie } from "./lib/sign-in";

const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const APP_PORT = Number(process.env.BENCH_APP_PORT ?? 3170);
const EMULATOR_PORT = Number(process.env.BENCH_EMULATOR_PORT ?? 4670);
const RESULTS = "bench/results";
const GOALS = { performance: 95, accessibility: 100, "best-practices": 95 } as const;
type Category = keyof typeof GOALS;
type Scores = Record<Category, number> & {
  lcpMs: number;
  tbtMs: number;
  cls: number;
  /** Lighthouse's own CPU benchmark at the run (higher is faster): low on a busy machine. */
  benchmarkIndex: number;
};

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
      "--lang=en-US",
      "about:blank",
    ],
    // The zone and language of a listener with no cookie to write (UTC, en-US): the signed-in pages
    // write one for any other (lib/listening/listener-time.ts), and a cookie the page sets replaces
    // the session cookie Lighthouse sends as a header, so the later runs would measure /signin.
    { stdio: "ignore", env: { ...process.env, TZ: "UTC", LANG: "en_US.UTF-8", LANGUAGE: "en-US" } },
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

async function audit(
  url: string,
  port: number,
  headers: Record<string, string>,
  report?: string,
): Promise<Scores> {
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
  // A page that redirected (to /signin: the session was not sent) is not the page to measure.
  const landed = new URL(result.lhr.finalDisplayedUrl).pathname;
  if (landed !== new URL(url).pathname) throw new Error(`Lighthouse on ${url} ended at ${landed}`);
  if (report) writeFileSync(report, JSON.stringify(result.lhr));
  const score = (id: Category) => Math.round((categories[id]?.score ?? 0) * 100);
  const metric = (id: string) => result.lhr.audits[id]?.numericValue ?? Number.NaN;
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
    lcpMs: metric("largest-contentful-paint"),
    tbtMs: metric("total-blocking-time"),
    cls: metric("cumulative-layout-shift"),
    benchmarkIndex: result.lhr.environment.benchmarkIndex,
  };
}

/** Each figure's own median over the runs. */
function median(runs: Scores[]): Scores {
  const mid = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const of = (key: keyof Scores) => mid(runs.map((r) => r[key]));
  return {
    performance: of("performance"),
    accessibility: of("accessibility"),
    "best-practices": of("best-practices"),
    lcpMs: of("lcpMs"),
    tbtMs: of("tbtMs"),
    cls: of("cls"),
    benchmarkIndex: of("benchmarkIndex"),
  };
}

async function main() {
  mkdirSync(RESULTS, { recursive: true });
  const app = await startApp({ port: APP_PORT, emulatorPort: EMULATOR_PORT });
  const chromium = await launchChromium();
  let failed = false;
  try {
    const cookie = await signInCookie(app.appUrl);
    const pages: [string, string, string, Record<string, string>][] = [
      ["home", "home", `${app.appUrl}/`, {}],
      ["dashboard (signed in)", "dashboard", `${app.appUrl}/dashboard`, { cookie }],
    ];
    for (const [name, slug, url, headers] of pages) {
      // One unmeasured load first: Next.js compiles nothing at run time, but the server warms up.
      await audit(url, chromium.port, headers);
      const runs: Scores[] = [];
      for (let i = 0; i < RUNS; i++) {
        const run = await audit(url, chromium.port, headers, `${RESULTS}/lighthouse-${slug}-${i + 1}.json`);
        console.log(
          `  ${name} run ${i + 1}: performance ${run.performance}, LCP ${Math.round(run.lcpMs)} ms, ` +
            `TBT ${Math.round(run.tbtMs)} ms, CLS ${run.cls.toFixed(3)} ` +
            `(CPU benchmark index ${Math.round(run.benchmarkIndex)}, load average ${loadavg()[0]!.toFixed(1)})`,
        );
        runs.push(run);
      }
      const scores = median(runs);
      const range = (values: number[]) => `${Math.min(...values)}-${Math.max(...values)}`;
      const below = (Object.keys(GOALS) as Category[]).filter((c) => scores[c] < GOALS[c]);
      failed ||= below.length > 0;
      console.log(
        `${name}: performance ${scores.performance}, accessibility ${scores.accessibility}, ` +
          `best practices ${scores["best-practices"]} (median of ${RUNS}; performance ` +
          `${range(runs.map((r) => r.performance))}); median LCP ${Math.round(scores.lcpMs)} ms, ` +
          `TBT ${Math.round(scores.tbtMs)} ms, CLS ${scores.cls.toFixed(3)}` +
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
