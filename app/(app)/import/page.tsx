// Import: bring in Spotify's data export (preview, run, cancel, undo), and export the whole history.
// The history page's coverage-gap notices link here. In demo mode the emulator offers each demo
// listener an export of their own (emulator/data-export.ts), so the import can be tried at once.
import type { Metadata } from "next";
import { ImportPanel } from "@/components/import/import-panel";
import { getConfig } from "@/lib/config";
import { currentUser, requireViewer } from "../viewer";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Import" };

export default async function ImportPage() {
  await requireViewer();
  const config = getConfig();
  const user = config.mode === "demo" ? await currentUser() : null;
  const demoExportUrl = user
    ? `${config.spotify.accountsUrl}/demo-export/${encodeURIComponent(user.spotifyId)}.zip`
    : null;
  return (
    <main id="main" className="mx-auto flex w-full max-w-2xl flex-col gap-6 px-4 pt-5 pb-16 sm:px-6 sm:pt-8">
      <h1 className="text-2xl font-semibold tracking-tight">Import and export</h1>
      <ImportPanel demoExportUrl={demoExportUrl} />
    </main>
  );
}
