// The import page in the browser, on the emulator: drop an export, read its preview, import it,
// undo it; a big one shows progress (rows/s, time left), survives a reload and can be cancelled; bad
// files get a clear message; and no Spotify lookup is made along the way.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import {
  extendedRow,
  generateExtendedExport,
  podcastRow,
  trackUri,
  zipFiles,
  zipOf,
} from "../lib/import/test-exports";
import { emulator, expect, signIn, test } from "./fixtures/test";

/** Drops `bytes` as a file on the page's drop zone, as a person dragging it from their desktop would. */
async function dropFile(page: Page, bytes: Uint8Array, name: string, type: string) {
  const zone = page.getByTestId("drop-zone");
  const transfer = await page.evaluateHandle(
    ({ base64, name, type }) => {
      const binary = atob(base64);
      const data = new Uint8Array(binary.length);
      for (let i = 0; i < binary.length; i++) data[i] = binary.charCodeAt(i);
      const dt = new DataTransfer();
      dt.items.add(new File([data], name, { type }));
      return dt;
    },
    { base64: Buffer.from(bytes).toString("base64"), name, type },
  );
  await zone.dispatchEvent("dragover", { dataTransfer: transfer });
  await zone.dispatchEvent("drop", { dataTransfer: transfer });
}

/** Spotify endpoints an import could be tempted to call (lookups by id, search). */
function lookups(requests: Record<string, number>) {
  return Object.keys(requests).filter((key) =>
    /\/v1\/(tracks|albums|artists|search|audio-features)/.test(key),
  );
}

test("drop an export, preview it, import it, then undo it", async ({ page }) => {
  await signIn(page, "rory", "/import");
  await expect(page.getByRole("heading", { level: 1, name: "Import and export" })).toBeVisible();
  await emulator.resetCounters();
  const plays = Array.from({ length: 12 }, (_, i) =>
    extendedRow({
      ts: `2021-10-${String(i + 10).padStart(2, "0")}T21:00:00Z`,
      spotify_track_uri: trackUri(100 + i),
      master_metadata_track_name: `Lied ${i} – Ünïcode`,
    }),
  );
  const zip = zipOf({
    "Spotify Extended Streaming History/Streaming_History_Audio_2021.json": [
      ...plays,
      extendedRow({ ts: "2021-10-30T21:00:00Z", ms_played: 3_000 }),
      podcastRow("2021-10-30T22:00:00Z"),
      { ts: 12, ms_played: "a lot" },
    ],
  });
  await dropFile(page, zip, "my_spotify_data.zip", "application/zip");

  const preview = page.getByTestId("import-preview");
  await expect(preview.getByTestId("to-add")).toHaveText("12");
  await expect(preview.getByTestId("present")).toHaveText("0");
  await expect(preview.getByTestId("skipped")).toHaveText("2 (1 under 30 s, 1 podcasts and audiobooks)");
  await expect(preview.getByTestId("rejected")).toContainText("1 (1: ts");
  await expect(preview.getByTestId("date-range")).toHaveText(/Oct 10, 2021 – Oct 21, 2021/);
  // The preview is as accessible as every other page (see accessibility.spec.ts for the rules).
  const axe = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"])
    .analyze();
  expect(
    axe.violations.map((v) => `${v.id}: ${v.nodes.map((node) => node.target.join(" ")).join(", ")}`),
  ).toEqual([]);

  await page.getByRole("button", { name: "Import 12 plays" }).click();
  const past = page.getByTestId("past-import").first();
  await expect(past).toContainText("12 plays added");

  // Dropping the same export again finds every play already there.
  await dropFile(page, zip, "my_spotify_data.zip", "application/zip");
  await expect(page.getByTestId("to-add")).toHaveText("0");
  await expect(page.getByTestId("present")).toHaveText("12");
  await expect(page.getByRole("button", { name: "Nothing to add" })).toBeDisabled();
  await page.getByRole("button", { name: "Discard" }).click();
  await expect(page.getByTestId("import-preview")).toHaveCount(0);

  await past.getByRole("button", { name: "Undo this import" }).click();
  await expect(past).toContainText("undone: its plays were removed");

  // The history's download now holds none of them.
  const download = await page.request.get("/api/export?format=csv");
  expect(download.headers()["content-disposition"]).toMatch(/attachment; filename="earshot-history-.*\.csv"/);
  expect(await download.text()).not.toContain("Lied 0");
  expect(lookups((await emulator.counters()).requests)).toEqual([]);
});

test("a big import shows its progress, survives a reload, and can be cancelled leaving nothing", async ({
  page,
}) => {
  test.setTimeout(150_000);
  // A listener of its own: a job left running by a failure here cannot block the other tests' uploads.
  await signIn(page, "sam", "/import");
  const generated = generateExtendedExport({ rows: 150_000, files: 6 });
  const zip = zipFiles(generated.files);
  // The file picker this time (the keyboard's way in).
  await page.locator('input[type="file"]').setInputFiles({
    name: "my_spotify_data.zip",
    mimeType: "application/zip",
    buffer: Buffer.from(zip),
  });
  await expect(page.getByTestId("to-add")).not.toHaveText("0", { timeout: 60_000 });
  await page.getByRole("button", { name: /^Import [\d,]+ plays$/ }).click();

  const progress = page.getByTestId("import-progress");
  // Each chunk is one transaction that the embedded database runs alone: allow for a loaded machine.
  await expect(progress).toContainText(/rows\/s · about .* left/, { timeout: 30_000 });
  await expect(page.getByRole("progressbar", { name: "Import progress" })).toBeVisible();

  await page.reload();
  await expect(progress).toContainText(/of [\d,]+ plays/, { timeout: 30_000 });
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByTestId("past-import").first()).toContainText("cancelled: nothing kept", {
    timeout: 30_000,
  });
  // The recorder may have kept some of sam's plays meanwhile; none imported is left.
  const download = await page.request.get("/api/export?format=csv");
  expect((await download.text()).split("\n").filter((line) => line.endsWith(",imported"))).toEqual([]);
});

test("a demo listener downloads the emulator's export of their years of listening and imports it", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signIn(page, "rory", "/import");
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download the demo export" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe("my_spotify_data.zip");
  await page.locator('input[type="file"]').setInputFiles((await download.path())!);
  const toAdd = page.getByTestId("to-add");
  await expect(toAdd).toHaveText(/^\d{1,3}(,\d{3})+$/, { timeout: 60_000 });
  await expect(page.getByTestId("skipped")).toContainText("under 30 s");
  await expect(page.getByTestId("skipped")).toContainText("podcasts and audiobooks");
  await page.getByRole("button", { name: /^Import [\d,]+ plays$/ }).click();
  await expect(page.getByTestId("past-import").first()).toContainText(/[\d,]+ plays added/, {
    timeout: 90_000,
  });
});

test("a file that is not Spotify's export gets a clear message", async ({ page }) => {
  await signIn(page, "rory", "/import");
  await dropFile(page, new TextEncoder().encode("just some notes"), "notes.txt", "text/plain");
  await expect(page.getByTestId("upload-error")).toContainText("notes.txt is neither a zip nor a JSON file");
  await dropFile(
    page,
    zipOf({ "photo.jpg": new Uint8Array([255, 216, 255]) }),
    "photos.zip",
    "application/zip",
  );
  await expect(page.getByTestId("upload-error")).toContainText("none of the files of Spotify's data export");
  await expect(page.getByTestId("import-preview")).toHaveCount(0);
});

test("an upload from another site is refused", async ({ request }) => {
  const response = await request.post("/api/import", {
    headers: { origin: "https://evil.example", "content-type": "application/json" },
    data: "[]",
  });
  expect([401, 403]).toContain(response.status());
  expect((await response.json()).error.code).toMatch(/forbidden|unauthenticated/);
});
