// Launches the same Chromium the browser tests use (Playwright's own, or the system's).
import { chromium } from "@playwright/test";
import { findChromium, HOW_TO_GET_CHROMIUM } from "../../e2e/browser";

export async function launchChromium() {
  const choice = findChromium();
  if (!choice) throw new Error(HOW_TO_GET_CHROMIUM);
  return chromium.launch({
    ...(choice.executablePath ? { executablePath: choice.executablePath } : {}),
    args: [
      "--no-sandbox",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}
