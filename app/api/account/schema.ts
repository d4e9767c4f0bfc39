// Request bodies of the account routes.
import { z } from "zod";

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
