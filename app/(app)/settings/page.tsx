// Settings: a placeholder so that the navigation's link leads somewhere; its content comes next.
import type { Metadata } from "next";
import { requireViewer } from "../viewer";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  await requireViewer();
  return (
    <main id="main" className="mx-auto w-full max-w-6xl px-4 pt-5 pb-16 sm:px-6 sm:pt-8">
      <h1 className="text-2xl font-semibold tracking-tight">Settings</h1>
      <p className="mt-2 text-zinc-600 dark:text-zinc-400">Account and recording settings.</p>
    </main>
  );
}
