// Browser tests: the built app (`next start`) in demo mode with its own emulator, on ports of their
// own so that a running `npm run dev` is left alone.
import { defineConfig, devices } from "@playwright/test";
import { chromiumLaunchOptions, findChromium } from "./e2e/browser";
import { APP_URL, DB_PORT, EMULATOR_PORT, APP_PORT, EMULATOR_TOKEN_FILE } from "./e2e/fixtures/urls";

const launchOptions = chromiumLaunchOptions(findChromium());

export default defineConfig({
  testDir: "e2e",
  // Screenshots, traces and other artifacts; the JSON report sits beside it for .ci/run to count.
  outputDir: "test-results/e2e",
  // Tests drive one shared emulator (its clock, faults, rate budget): one at a time keeps them honest.
  workers: 1,
  fullyParallel: false,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  reporter: [["list"], ["json", { outputFile: "test-results/e2e-report.json" }]],
  use: {
    baseURL: APP_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions,
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], launchOptions } }],
  webServer: {
    command: "npx tsx scripts/run.ts start",
    url: `${APP_URL}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      PORT: String(APP_PORT),
      EMULATOR_PORT: String(EMULATOR_PORT),
      EMULATOR_TOKEN_FILE,
      NEXTAUTH_URL: APP_URL,
      // Always the demo, whatever a developer's .env.local says: tests never touch the real Spotify.
      SPOTIFY_CLIENT_ID: "",
      SPOTIFY_CLIENT_SECRET: "",
      SPOTIFY_ACCOUNTS_URL: "",
      SPOTIFY_API_URL: "",
      NEXTAUTH_SECRET: "",
      // A throwaway embedded database per run, on a known port (the tests seed and clear it); never a
      // developer's data/.
      DATABASE_URL: "",
      EARSHOT_DATA_DIR: "memory://e2e",
      EMBEDDED_DB_PORT: String(DB_PORT),
    },
  },
});
