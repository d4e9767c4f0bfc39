// The query strings of the stats routes, checked before anything reaches the store. The range's
// schema is the page's own (lib/stats/ranges.ts), so a shared /stats URL and the API agree.
import { z } from "zod";
export { rangeQuery as statsQuery } from "@/lib/stats/ranges";

/** A store key: spotify:artist:…, spotify:track:… or local:…; never longer than Spotify's. */
export const subjectQuery = z
  .object({
    id: z
      .string({ error: "id is required" })
      .min(1, "id must not be empty")
      .max(512, "id is too long")
      .regex(/^(spotify|local):/, "id must be an Earshot key (spotify:… or local:…)"),
  })
  .strict();
