// Benchmark: first-load JavaScript of /dashboard, /history and /stats (gzip, summed over every script the page loads)
// against a bare App Router page built by the same Next.js. Goal: at most 60 kB more.
// Run: npm run bench:weight   (builds the app, then a throwaway copy of bench/bare-app)
import { execFileSync, spawn } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import type { Page, Response } from "@playwright/test";
import { startApp } from "./lib/app-server";
import { launchChromium } from "./lib/browser";

// Not import.meta.dirname: that needs Node 20.11, and Earshot supports 20.9.
const ROOT = resolve(fileURLToPath(new URL(".", import.meta.url)), "..");
const GOAL_KB = 60;

type Weight = { scripts: number; gzipBytes: number; rawBytes: number };

/** Loads `url` and sums the scripts it fetched, gzipped the way a server would send them. */
async function scriptWeight(page: Page, url: string): Promise<Weight> {
  const bodies: Promise<Buffer>[] = [];
  const onResponse = (response: Response) => {
    if (response.request().resourceType() === "script") bodies.push(response.body());
  };
  page.on("response", onResponse);
  await page.goto(url, { waitUntil: "networkidle" });
  page.off("response", onResponse);
  const all = await Promise.all(bodies);
  return {
    scripts: all.length,
    rawBytes: all.reduce((n, b) => n + b.length, 0),
    gzipBytes: all.reduce((n, b) => n + gzipSync(b).length, 0),
  };
}

/** Installed version of a package of this project, so that the bare app is built by the same ones. */
function versionOf(name: string): string {
  return (
    JSON.parse(readFileSync(join(ROOT, "node_modules", name, "package.json"), "utf8")) as { version: string }
  ).version;
}

async function bareAppWeight(page: Page): Promise<Weight> {
  // A throwaway project of its own (Turbopack builds only inside one project root), with the same
  // versions of next, react and react-dom, installed from npm's cache when it has them.
  const dir = mkdtempSync(join(tmpdir(), "earshot-bare-"));
  try {
    cpSync(join(ROOT, "bench/bare-app"), dir, { recursive: true });
    const dependencies = Object.fromEntries(
      ["next", "react", "react-dom"].map((name) => [name, versionOf(name)]),
    );
    writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "bare", private: true, dependencies }));
    execFileSync("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"], {
      cwd: dir,
      stdio: "inherit",
    });
    const next = join(dir, "node_modules/next/dist/bin/next");
    const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
    execFileSync(process.execPath, [next, "build"], { cwd: dir, stdio: "ignore", env });
    const server = spawn(process.execPath, [next, "start", "-H", "127.0.0.1", "-p", "3421"], {
      cwd: dir,
      stdio: "ignore",
      env,
      detached: true,
    });
    try {
      for (let i = 0; i < 120; i++) {
        const up = await fetch("http://127.0.0.1:3421/").then(
          (r) => r.ok,
          () => false,
        );
        if (up) break;
        await new Promise((r) => setTimeout(r, 250));
      }
      return await scriptWeight(page, "http://127.0.0.1:3421/");
    } finally {
      process.kill(-server.pid!, "SIGTERM");
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const browser = await launchChromium();
const app = await startApp({ port: 3420, emulatorPort: 4620 });
try {
  const page = await browser.newPage();
  // Sign in through the emulator's consent page, then measure a fresh load of the dashboard.
  await page.goto(`${app.appUrl}/signin?callbackUrl=%2Fapi%2Fhealth`);
  await page.getByRole("button", { name: "Sign in with Spotify" }).click();
  await page.getByRole("button", { name: "Agree" }).click();
  await page.waitForURL(`${app.appUrl}/api/health`);
  const dashboardPage = await browser.newPage({ storageState: await page.context().storageState() });
  const dashboard = await scriptWeight(dashboardPage, `${app.appUrl}/dashboard`);
  const historyPage = await browser.newPage({ storageState: await page.context().storageState() });
  const history = await scriptWeight(historyPage, `${app.appUrl}/history`);
  const statsPage = await browser.newPage({ storageState: await page.context().storageState() });
  const stats = await scriptWeight(statsPage, `${app.appUrl}/stats`);
  const bare = await bareAppWeight(await browser.newPage());

  const kb = (bytes: number) => (bytes / 1024).toFixed(1);
  console.table([
    {
      page: "/dashboard",
      scripts: dashboard.scripts,
      "raw kB": kb(dashboard.rawBytes),
      "gzip kB": kb(dashboard.gzipBytes),
    },
    {
      page: "/history",
      scripts: history.scripts,
      "raw kB": kb(history.rawBytes),
      "gzip kB": kb(history.gzipBytes),
    },
    {
      page: "/stats",
      scripts: stats.scripts,
      "raw kB": kb(stats.rawBytes),
      "gzip kB": kb(stats.gzipBytes),
    },
    {
      page: "bare App Router page",
      scripts: bare.scripts,
      "raw kB": kb(bare.rawBytes),
      "gzip kB": kb(bare.gzipBytes),
    },
  ]);
  const extra = (dashboard.gzipBytes - bare.gzipBytes) / 1024;
  console.log(
    `dashboard - bare: ${extra.toFixed(1)} kB gzip (goal <= ${GOAL_KB} kB): ${extra <= GOAL_KB ? "met" : "NOT met"}`,
  );
  // Issue 10: the history page may weigh at most 25 kB gzip more than the dashboard.
  const historyExtra = (history.gzipBytes - dashboard.gzipBytes) / 1024;
  console.log(
    `history - dashboard: ${historyExtra.toFixed(1)} kB gzip (goal <= 25 kB): ${historyExtra <= 25 ? "met" : "NOT met"}`,
  );
  // Issue 12: /stats renders its charts on the server (plain SVG): it should weigh no more than the
  // dashboard's client code.
  const statsExtra = (stats.gzipBytes - dashboard.gzipBytes) / 1024;
  console.log(`stats - dashboard: ${statsExtra.toFixed(1)} kB gzip`);
} finally {
  await app.stop();
  await browser.close();
}
