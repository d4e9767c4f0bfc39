// The whole dashboard before anything is known (app/dashboard/loading.tsx): same header height,
// same grid, same card and list sizes as the live page.
import { Skeleton } from "@/components/ui/skeleton";
import { LogoMark } from "@/components/ui/icons";
import { DashboardMain } from "./dashboard-main";
import { NowPlayingSkeleton } from "./now-playing-card";
import { RecentPlaysSkeleton } from "./recent-plays";

export function DashboardSkeleton() {
  return (
    <>
      <header className="sticky top-0 z-20 border-b border-zinc-200/80 bg-zinc-50/85 backdrop-blur-md dark:border-zinc-800/80 dark:bg-zinc-950/85">
        <div className="mx-auto flex h-16 max-w-6xl items-center justify-between gap-4 px-4 sm:px-6">
          <span className="flex items-center gap-2 text-lg font-bold tracking-tight">
            <LogoMark className="size-7" />
            Earshot
          </span>
          <span className="flex items-center gap-3">
            <Skeleton className="size-8 rounded-full" />
            <Skeleton className="hidden h-4 w-24 sm:block" />
          </span>
        </div>
      </header>
      <DashboardMain card={<NowPlayingSkeleton />} list={<RecentPlaysSkeleton />} />
    </>
  );
}
