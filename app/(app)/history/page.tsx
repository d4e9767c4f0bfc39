// Every stored play: search, filters and the whole past, read from Earshot's store. The view lives
// in the URL (components/history/history-browser.tsx reads it in the browser).
import type { Metadata } from "next";
import { HistoryBrowser } from "@/components/history/history-browser";
import { liveHistoryPhaseMs } from "@/lib/client/poll-phase";
import { currentUser, requireViewer } from "../viewer";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "History" };

export default async function HistoryPage() {
  const [, user] = await Promise.all([requireViewer(), currentUser()]);
  return (
    <main id="main" className="mx-auto flex w-full max-w-3xl flex-col gap-5 px-4 pt-5 pb-16 sm:px-6 sm:pt-8">
      <h1 className="text-2xl font-semibold tracking-tight">History</h1>
      {/* The phase comes from the person's id, which itself stays on the server. */}
      <HistoryBrowser liveHistoryPhaseMs={user ? liveHistoryPhaseMs(user.userId) : 0} />
    </main>
  );
}
