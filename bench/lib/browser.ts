// Launches the same Chromium, the same way, as the browser tests (Playwright's own, or the system's).
import { chromium } from "@playwright/test";
import { chromiumLaunchOptions, findChromium, HOW_TO_GET_CHROMIUM } from "../../e2e/browser";

export async function launchChromium() {
  const choice = findChromium();
  if (!choice) throw new Error(HOW_TO_GET_CHROMIUM);
  return chromium.launch(chromiumLaunchOptions(choice));
}
