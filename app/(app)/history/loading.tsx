import { HistorySkeleton } from "@/components/history/history-skeleton";

export default function HistoryLoading() {
  return (
    <main className="mx-auto flex w-full max-w-3xl flex-col gap-5 px-4 pt-5 pb-16 sm:px-6 sm:pt-8">
      <h1 className="text-2xl font-semibold tracking-tight">History</h1>
      <HistorySkeleton />
    </main>
  );
}
