// The whole dashboard before anything is known (app/dashboard/loading.tsx): same header height,
// same grid, same card and list sizes as the live page.
import { Skeleton } from "@/components/ui/skeleton";
import { LogoMark } from "@/components/ui/icons";
import { DashboardMain } from "./dashboard-main";
import { NowPlayingSkeleton } from "./now-playing-card";
import { RecentPlaysListSkeleton } from "./recent-plays-list";
import { HeaderShell } from "@/components/layout/header-shell";

export function DashboardSkeleton() {
  return (
    <>
      <HeaderShell
        start={
          <span className="flex items-center gap-2 text-lg font-bold tracking-tight">
            <LogoMark className="size-7" />
            Earshot
          </span>
        }
        end={
          <span className="flex items-center gap-3">
            <Skeleton className="size-8 rounded-full" />
            <Skeleton className="hidden h-4 w-24 sm:block" />
          </span>
        }
      />
      <DashboardMain card={<NowPlayingSkeleton />} list={<RecentPlaysListSkeleton />} />
    </>
  );
}
