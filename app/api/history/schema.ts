// The query string of GET /api/history, checked before anything reaches the store.
import { z } from "zod";
import { HISTORY_PAGE_SIZE, HISTORY_MAX_PAGE_SIZE } from "@/lib/listening/limits";

const limitRange = `limit must be from 1 to ${HISTORY_MAX_PAGE_SIZE}`;

/** An instant with its offset (2024-03-01T00:00:00+01:00 or …Z): a day means midnight somewhere. */
const instant = (name: string) =>
  z.iso
    .datetime({
      offset: true,
      error: `${name} must be a date and time with its offset, e.g. 2024-03-01T00:00:00Z`,
    })
    .transform((value) => new Date(value));

/** A store key: spotify:artist:…, spotify:album:… or local:…; never longer than Spotify's. */
const storeKey = (name: string) =>
  z
    .string()
    .min(1, `${name} must not be empty`)
    .max(512, `${name} is too long`)
    .regex(/^(spotify|local):/, `${name} must be an Earshot key (spotify:… or local:…)`);

export const historyQuery = z
  .object({
    cursor: z.string().min(1).max(512, "cursor is not valid").optional(),
    q: z.string().trim().max(200, "q must be at most 200 characters").optional(),
    from: instant("from").optional(),
    to: instant("to").optional(),
    artist: storeKey("artist").optional(),
    album: storeKey("album").optional(),
    source: z.enum(["recorded", "imported"], { error: "source must be recorded or imported" }).optional(),
    limit: z
      .string()
      .regex(/^\d+$/, `limit must be a whole number from 1 to ${HISTORY_MAX_PAGE_SIZE}`)
      .transform(Number)
      .pipe(z.number().int().min(1, limitRange).max(HISTORY_MAX_PAGE_SIZE, limitRange))
      .default(HISTORY_PAGE_SIZE),
  })
  .strict()
  .refine((q) => !q.from || !q.to || q.from.getTime() < q.to.getTime(), {
    message: "from must be before to",
  });

export type HistoryQuery = z.output<typeof historyQuery>;
