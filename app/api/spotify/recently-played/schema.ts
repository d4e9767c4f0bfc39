// The query string of GET /api/spotify/recently-played, checked before anything goes to Spotify.
import { z } from "zod";
import { RECENT_PLAYS_PAGE_SIZE, RECENT_PLAYS_WINDOW } from "@/lib/listening/limits";

const limitRange = `limit must be from 1 to ${RECENT_PLAYS_WINDOW}`;

const epochMs = (name: string) =>
  z
    .string()
    .regex(/^\d{1,15}$/, `${name} must be a Unix time in milliseconds (a whole number)`)
    .transform(Number);

export const recentlyPlayedQuery = z
  .object({
    limit: z
      .string()
      .regex(/^\d+$/, `limit must be a whole number from 1 to ${RECENT_PLAYS_WINDOW}`)
      .transform(Number)
      .pipe(z.number().int().min(1, limitRange).max(RECENT_PLAYS_WINDOW, limitRange))
      .default(RECENT_PLAYS_PAGE_SIZE),
    before: epochMs("before").optional(),
    after: epochMs("after").optional(),
  })
  .strict()
  .refine((q) => q.before === undefined || q.after === undefined, {
    message: "before and after cannot be used together",
  });
