// The signed-in shell (app/(app)/layout.tsx): one header and navigation for every signed-in page,
// and one gate that sends a signed-out visitor to sign in and back to the page they asked for.
import { emulator, expect, signIn, test } from "./fixtures/test";

test("the header's navigation marks the current page and leads to the others, keeping the header", async ({
  page,
}) => {
  await signIn(page);
  const nav = page.getByRole("banner").getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Dashboard" })).toHaveAttribute("aria-current", "page");
  await nav.getByRole("link", { name: "Settings" }).click();
  await expect(page).toHaveURL(/\/settings$/);
  await expect(page).toHaveTitle(/Settings/);
  await expect(page.getByRole("heading", { level: 1, name: "Settings" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Settings" })).toHaveAttribute("aria-current", "page");
  await expect(nav.getByRole("link", { name: "Dashboard" })).not.toHaveAttribute("aria-current", /.*/);
  await expect(page.getByRole("banner").getByTestId("viewer-name")).toHaveText("Rory");
});

test("a signed-out visitor of any signed-in page is sent to sign in and comes back to it", async ({
  page,
}) => {
  await page.goto("/settings");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fsettings$/);
  await page.getByRole("button", { name: "Sign in with Spotify" }).click();
  await page.waitForURL(`${emulator.url}/authorize**`);
  await page.getByRole("button", { name: "Agree" }).click();
  await expect(page).toHaveURL(/\/settings$/);
});
