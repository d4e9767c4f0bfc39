// Import: bring in Spotify's data export (preview, run, cancel, undo), and export the whole history.
// The history page's coverage-gap notices link here.
import type { Metadata } from "next";
import { ImportPanel } from "@/components/import/import-panel";
import { requireViewer } from "../viewer";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Import" };

export default async function ImportPage() {
  await requireViewer();
  return (
    <main id="main" className="mx-auto flex w-full max-w-2xl flex-col gap-6 px-4 pt-5 pb-16 sm:px-6 sm:pt-8">
      <h1 className="text-2xl font-semibold tracking-tight">Import and export</h1>
      <ImportPanel />
    </main>
  );
}
