// The recent plays' first page, read while the server draws the dashboard, so that the page arrives
// with its list drawn: nothing to fetch and draw in the browser after the scripts have loaded (a big
// render and commit on a phone, and the list's paint waiting on two round trips). The same reads as
// the browser's first page (lib/listening/recent-page.ts) through the services behind the same API
// routes. A failure, or a read slower than the page should wait, leaves the list to the browser,
// which fetches it and shows and handles the error as it always has.
import "server-only";
import type { SessionUser } from "@/lib/auth/accounts";
import { spotifyAccessForSession } from "@/lib/auth/spotify-access";
import { isConnectionError } from "@/lib/db/connection";
import { ApiError } from "@/lib/errors";
import { getHistoryPage } from "@/lib/history/history-service";
import { firstRecentPage, type RecentPage } from "@/lib/listening/recent-page";
import { getRecentPlays } from "@/lib/spotify/listening-service";
import { INITIAL_PLAYER_BUDGET_MS } from "./initial-player";

/** The first page, and when it was read: the list's clock while it hydrates, as on the server. */
export type InitialRecent = { page: RecentPage; readAt: number };

export async function readInitialRecent(user: SessionUser | null): Promise<InitialRecent | null> {
  if (!user || user.reauthRequired) return null;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), INITIAL_PLAYER_BUDGET_MS);
  });
  try {
    return await Promise.race([read(user), late]);
  } finally {
    clearTimeout(timer);
  }
}

async function read(user: SessionUser): Promise<InitialRecent | null> {
  try {
    const page = await firstRecentPage({
      stored: (limit) => getHistoryPage(user, { limit }),
      spotify: async (query) => getRecentPlays(await spotifyAccessForSession(user), query),
    });
    return { page, readAt: Date.now() };
  } catch (error) {
    if (!(error instanceof ApiError) && !isConnectionError(error))
      console.error("Reading the recent plays for the dashboard failed", error);
    return null;
  }
}
