// Part of `npm run test:e2e`: fail early, with instructions, when there is no Chromium to drive.
import { findChromium, HOW_TO_GET_CHROMIUM } from "../e2e/browser";

const choice = findChromium();
if (!choice) {
  console.error(HOW_TO_GET_CHROMIUM);
  process.exit(1);
}
console.log(
  choice.source === "playwright"
    ? "Browser tests: Playwright's Chromium"
    : `Browser tests: ${choice.executablePath}`,
);
