// Renders the PNG icons under public/ from the logo (app/icon.svg, the same mark as LogoMark in
// components/ui/icons.tsx) in the browser tests' Chromium: no image library to install. Run it after
// changing the logo (`npx tsx scripts/make-icons.ts`) and commit the PNGs; the app never runs it.
import { readFileSync, writeFileSync } from "node:fs";
import { chromium } from "@playwright/test";
import { chromiumLaunchOptions, findChromium, HOW_TO_GET_CHROMIUM } from "../e2e/browser";

/** The logo's green, also the background of the icons that must be opaque. */
const ACCENT = "#1db954";

type IconSpec = {
  file: string;
  size: number;
  /**
   * Full-bleed icons fill the square with the accent and draw the logo at `scale`: a maskable icon is
   * cropped by the platform to as little as the central 80 % circle (keep the mark within it), and
   * iOS shows a transparent touch icon on black.
   */
  fullBleed?: { scale: number };
};

export const ICONS: IconSpec[] = [
  { file: "public/icons/icon-192.png", size: 192 },
  { file: "public/icons/icon-512.png", size: 512 },
  { file: "public/icons/icon-maskable-512.png", size: 512, fullBleed: { scale: 0.8 } },
  { file: "public/apple-touch-icon.png", size: 180, fullBleed: { scale: 0.9 } },
];

function page(svg: string, { size, fullBleed }: IconSpec): string {
  const scale = fullBleed?.scale ?? 1;
  const inner = Math.round(size * scale);
  return `<!doctype html><html><body style="margin:0">
<div style="width:${size}px;height:${size}px;display:grid;place-items:center;background:${fullBleed ? ACCENT : "transparent"}">
<div style="width:${inner}px;height:${inner}px">${svg.replace("<svg ", `<svg width="${inner}" height="${inner}" `)}</div>
</div></body></html>`;
}

async function main() {
  const choice = findChromium();
  if (!choice) throw new Error(HOW_TO_GET_CHROMIUM);
  const svg = readFileSync("app/icon.svg", "utf8").trim();
  const browser = await chromium.launch(chromiumLaunchOptions(choice));
  try {
    for (const icon of ICONS) {
      const tab = await browser.newPage({ viewport: { width: icon.size, height: icon.size } });
      await tab.setContent(page(svg, icon));
      const png = await tab.screenshot({ omitBackground: !icon.fullBleed, type: "png" });
      writeFileSync(icon.file, png);
      console.log(`${icon.file}: ${icon.size}x${icon.size}`);
      await tab.close();
    }
  } finally {
    await browser.close();
  }
}

await main();
