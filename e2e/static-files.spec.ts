// The static files a real site serves from public/: robots.txt, the web app manifest and its icons, the
// Apple touch icon. Served with the right type (past proxy.ts's matcher and the CSP), at the sizes
// they claim, and linked from the home page.
import { expect, test } from "./fixtures/test";

/** A PNG's width and height, from its IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

test("robots.txt is served as text and keeps the private pages out", async ({ request }) => {
  const response = await request.get("/robots.txt");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toMatch(/^text\/plain/);
  const text = await response.text();
  expect(text).toMatch(/^User-agent: \*$/m);
  for (const path of ["/api/", "/dashboard", "/settings"]) expect(text).toContain(`Disallow: ${path}`);
});

test("the web app manifest lists icons of 192 and 512 px, one maskable, each served at its size", async ({
  request,
}) => {
  const response = await request.get("/manifest.webmanifest");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toMatch(/^application\/manifest\+json/);
  const manifest = (await response.json()) as {
    name: string;
    start_url: string;
    display: string;
    icons: { src: string; sizes: string; type: string; purpose?: string }[];
  };
  expect(manifest).toMatchObject({ name: "Earshot", display: "standalone" });
  expect(manifest.icons.map((i) => `${i.sizes} ${i.purpose ?? "any"}`).sort()).toEqual([
    "192x192 any",
    "512x512 any",
    "512x512 maskable",
  ]);
  for (const icon of manifest.icons) {
    const file = await request.get(icon.src);
    expect(file.status(), icon.src).toBe(200);
    expect(file.headers()["content-type"], icon.src).toBe("image/png");
    const [width, height] = icon.sizes.split("x").map(Number);
    expect(pngSize(await file.body()), icon.src).toEqual({ width, height });
  }
});

test("the Apple touch icon is a 180 px PNG", async ({ request }) => {
  const response = await request.get("/apple-touch-icon.png");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("image/png");
  expect(response.headers()["content-security-policy"]).toContain("default-src 'none'");
  expect(pngSize(await response.body())).toEqual({ width: 180, height: 180 });
});

test("the home page links the manifest and the Apple touch icon, and its CSP lets the browser load them", async ({
  page,
}) => {
  const refused: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) refused.push(message.text());
  });
  await page.goto("/");
  await expect(page.locator('head link[rel="manifest"]')).toHaveAttribute("href", "/manifest.webmanifest");
  await expect(page.locator('head link[rel="apple-touch-icon"]')).toHaveAttribute(
    "href",
    "/apple-touch-icon.png",
  );
  // Chromium fetches the manifest of a page that links one; the page's policy must allow it.
  const manifest = await page.evaluate(async () => (await fetch("/manifest.webmanifest")).status);
  expect(manifest).toBe(200);
  expect(refused).toEqual([]);
});
