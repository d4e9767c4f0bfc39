// What GET /api/history answers: a page of the signed-in person's stored plays, with an opaque
// cursor for the next one. A cursor that is malformed, tampered with or another person's is refused.
import "server-only";
import type { SessionUser } from "@/lib/auth/accounts";
import { getConfig } from "@/lib/config";
import { getDb, type Queryable, withStore } from "@/lib/db/connection";
import { ApiError } from "@/lib/errors";
import type { HistoryPage } from "@/lib/listening";
import { decodeCursor, encodeCursor } from "./history-cursor";
import { type HistoryFilters, readHistory } from "./history-page";

export type HistoryRequest = HistoryFilters & { cursor?: string; limit: number };

export async function getHistoryPage(
  user: Pick<SessionUser, "userId" | "recordingPaused">,
  request: HistoryRequest,
  db: Queryable = getDb(),
): Promise<HistoryPage> {
  const { cursor, limit, ...filters } = request;
  const secret = getConfig().auth.secret;
  const after = cursor === undefined ? null : decodeCursor(cursor, user.userId, secret);
  if (cursor !== undefined && !after) {
    throw new ApiError("invalid_request", "cursor is not valid: start again from the first page.");
  }
  const page = await withStore(() => readHistory(db, user.userId, { filters, after, limit }));
  return {
    plays: page.plays,
    nextCursor: page.next ? encodeCursor(page.next, user.userId, secret) : null,
    gaps: page.gaps,
    recordingPaused: user.recordingPaused,
  };
}
