// Request bodies of the account routes.
import { z } from "zod";
import { shareOptionsSchema } from "@/lib/share/share-options";

export const recordingBody = z
  .object({ paused: z.boolean({ error: "paused must be true or false" }) })
  .strict();

/** Deleting everything asks for the phrase the settings page shows, so no stray request can do it. */
export const DELETE_CONFIRMATION = "delete my data";
export const deleteAccountBody = z
  .object({
    confirm: z.literal(DELETE_CONFIRMATION, { error: `confirm must be "${DELETE_CONFIRMATION}"` }),
  })
  .strict();

/** PUT /api/account/time-zone: an IANA zone; `onlyIfUnset` for the browser's own on a first visit. */
export const timeZoneBody = z
  .object({
    timeZone: z
      .string({ error: "timeZone must be an IANA time zone such as Europe/Berlin" })
      .max(64, "timeZone is too long"),
    onlyIfUnset: z.boolean({ error: "onlyIfUnset must be true or false" }).optional(),
  })
  .strict();

/** PUT /api/account/share: sharing on or off, and what the overlay and the card show. */
export const shareBody = z
  .object({
    enabled: z.boolean({ error: "enabled must be true or false" }),
    options: shareOptionsSchema,
  })
  .strict();
