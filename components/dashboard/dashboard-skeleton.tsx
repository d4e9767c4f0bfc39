// The dashboard before anything is known (app/(app)/dashboard/loading.tsx), below the signed-in
// header: the same grid, card and list sizes as the live page.
import { DashboardMain } from "./dashboard-main";
import { NowPlayingSkeleton } from "./now-playing-card";
import { RecentPlaysListSkeleton } from "./recent-plays-list";

export function DashboardSkeleton() {
  return <DashboardMain card={<NowPlayingSkeleton />} list={<RecentPlaysListSkeleton />} />;
}
