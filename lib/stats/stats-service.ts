// What the stats routes and pages answer: the signed-in person's figures, read from the store only
// (nothing is asked of Spotify). A store that does not answer is the app's `store_unavailable`.
import "server-only";
import { getDb, type Queryable, withStore } from "@/lib/db/connection";
import { ApiError } from "@/lib/errors";
import type { RangeQuery } from "./ranges";
import { readStats } from "./stats-queries";
import { readSubjectStats } from "./subject-queries";
import type { StatsData, SubjectStats } from "./types";

export function getStats(userId: string, query: RangeQuery, db: Queryable = getDb()): Promise<StatsData> {
  return withStore(() => readStats(db, userId, query));
}

export async function getSubjectStats(
  userId: string,
  kind: "artist" | "track",
  id: string,
  db: Queryable = getDb(),
): Promise<SubjectStats> {
  const stats = await withStore(() => readSubjectStats(db, userId, kind, id));
  if (!stats) throw new ApiError("not_found", `You have no plays of this ${kind}.`);
  return stats;
}
