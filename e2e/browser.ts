// Which Chromium the browser tests drive: Playwright's own when installed (`npx playwright install
// chromium`), else a system one (Debian's `chromium` package, Chrome). Shared by playwright.config.ts
// and scripts/ensure-browser.ts.
import { existsSync } from "node:fs";
import { chromium } from "@playwright/test";

const SYSTEM_CHROMIUMS = [
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
  "/usr/bin/google-chrome-stable",
  "/snap/bin/chromium",
  "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
  "/Applications/Chromium.app/Contents/MacOS/Chromium",
];

export type BrowserChoice = { source: "playwright" | "system"; executablePath?: string };

export function findChromium(): BrowserChoice | null {
  const explicit = process.env.CHROMIUM_PATH;
  if (explicit && existsSync(explicit)) return { source: "system", executablePath: explicit };
  try {
    if (existsSync(chromium.executablePath())) return { source: "playwright" };
  } catch {
    // No Playwright browser registry entry for this platform: fall through to system browsers.
  }
  const system = SYSTEM_CHROMIUMS.find((path) => existsSync(path));
  return system ? { source: "system", executablePath: system } : null;
}

export const HOW_TO_GET_CHROMIUM = [
  "No Chromium found for the browser tests. Install one of:",
  "  npx playwright install chromium        (Playwright's own build; needs internet)",
  "  sudo apt-get install -y chromium       (Debian/Ubuntu system package)",
  "or point CHROMIUM_PATH at a Chromium or Chrome executable.",
].join("\n");

/** How the tests launch it: as CI's root user, on a closed network, with nothing phoning home. */
export function chromiumLaunchOptions(choice: BrowserChoice | null) {
  return {
    ...(choice?.executablePath ? { executablePath: choice.executablePath } : {}),
    args: [
      "--no-sandbox",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  };
}
