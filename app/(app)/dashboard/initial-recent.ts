// The recent plays' first page, read while the server draws the dashboard, so that the page arrives
// with its list drawn: nothing to fetch and draw in the browser after the scripts have loaded (a big
// render and commit on a phone, and the list's paint waiting on two round trips). The same reads as
// the browser's first page (lib/listening/recent-page.ts) through the services behind the same API
// routes; within the page's budget (./read-within-budget.ts).
import "server-only";
import type { SessionUser } from "@/lib/auth/accounts";
import { spotifyAccessForSession } from "@/lib/auth/spotify-access";
import { getHistoryPage } from "@/lib/history/history-service";
import { firstRecentPage, type RecentPage } from "@/lib/listening/recent-page";
import { getRecentPlays } from "@/lib/spotify/listening-service";
import { readWithinBudget } from "./read-within-budget";

/** The first page, and when it was read: the list's clock while it hydrates, as on the server. */
export type InitialRecent = { page: RecentPage; readAt: number };

export async function readInitialRecent(user: SessionUser | null): Promise<InitialRecent | null> {
  if (!user || user.reauthRequired) return null;
  return readWithinBudget("the recent plays", async () => {
    const page = await firstRecentPage({
      stored: (limit) => getHistoryPage(user, { limit }),
      spotify: async (query) => getRecentPlays(await spotifyAccessForSession(user), query),
    });
    return { page, readAt: Date.now() };
  });
}
