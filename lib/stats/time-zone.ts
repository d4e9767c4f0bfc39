// Storing a person's time zone. Changing it rebuilds their rollups in the database (a trigger on
// users.time_zone), so that days and hours are cut in the new zone.
import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import type { Queryable } from "@/lib/db/connection";
import { users } from "@/lib/db/schema";
import { ApiError } from "@/lib/errors";
import { isTimeZone } from "./time-zones";

/**
 * Sets the zone. `onlyIfUnset`: the browser's zone on a first visit, which must not overwrite one
 * chosen in Settings (two tabs, or a laptop travelling). Returns the zone now stored.
 */
export async function setTimeZone(
  db: Queryable,
  userId: string,
  timeZone: string,
  options: { onlyIfUnset?: boolean } = {},
): Promise<string | null> {
  if (!isTimeZone(timeZone)) throw new ApiError("invalid_request", `${timeZone} is not a known time zone.`);
  try {
    const where = options.onlyIfUnset
      ? and(eq(users.id, userId), isNull(users.timeZone))
      : eq(users.id, userId);
    await db.update(users).set({ timeZone }).where(where);
  } catch (error) {
    // PostgreSQL's zone list can lag Intl's by a tzdata release: say so, as for any unknown zone.
    const code =
      (error as { cause?: { code?: string }; code?: string }).cause?.code ??
      (error as { code?: string }).code;
    if (code === "22023")
      throw new ApiError("invalid_request", `${timeZone} is not a time zone the database knows.`);
    throw error;
  }
  const [row] = await db.select({ timeZone: users.timeZone }).from(users).where(eq(users.id, userId));
  return row?.timeZone ?? null;
}
