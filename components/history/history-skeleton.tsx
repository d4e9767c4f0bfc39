// The history while it loads: a day heading and rows of the real rows' sizes, so nothing moves
// when the plays arrive.
import { Skeleton } from "@/components/ui/skeleton";
import { PlayRowsSkeleton } from "@/components/plays/play-row";

export function HistorySkeletonRows({ rows = 10 }: { rows?: number }) {
  return (
    <div data-testid="history-skeleton">
      <PlayRowsSkeleton rows={rows} heading="flex h-10 items-end px-2 pb-1.5 sm:px-3" />
    </div>
  );
}

/** The whole page body in the route's loading UI (app/(app)/history/loading.tsx). */
export function HistorySkeleton() {
  return (
    <div className="flex flex-col gap-4" aria-busy="true">
      <Skeleton className="h-10 w-full rounded-lg" />
      <div className="flex flex-wrap gap-3">
        {["w-28", "w-36", "w-36", "w-48"].map((width, index) => (
          <Skeleton key={index} className={`h-[3.75rem] rounded-lg ${width}`} />
        ))}
      </div>
      <div className="rounded-2xl bg-white p-2 shadow-sm ring-1 ring-zinc-200 sm:p-3 dark:bg-zinc-900 dark:ring-zinc-800">
        <HistorySkeletonRows />
      </div>
    </div>
  );
}
