// A read the server does while drawing the dashboard (what is playing, the recent plays' first page),
// so that the page arrives with it drawn. The page waits for it no longer than a budget: Spotify
// answers in well under that, or it is having trouble. A failure, or a late answer, leaves that part
// to the browser's first request, which shows and handles the problem as it always has.
import "server-only";
import { isConnectionError } from "@/lib/db/connection";
import { ApiError } from "@/lib/errors";

/** How long the page waits for each read. */
export const INITIAL_READ_BUDGET_MS = 1_000;

/** `read`'s answer, or null when it failed or took longer than the budget; `what` names it in logs. */
export async function readWithinBudget<T>(what: string, read: () => Promise<T>): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), INITIAL_READ_BUDGET_MS);
  });
  const answer = read().catch((error: unknown) => {
    // Expected troubles (Spotify's, the store's) are the browser's to show; anything else is a bug.
    if (!(error instanceof ApiError) && !isConnectionError(error))
      console.error(`Reading ${what} for the dashboard failed`, error);
    return null;
  });
  try {
    return await Promise.race([answer, late]);
  } finally {
    clearTimeout(timer);
  }
}
