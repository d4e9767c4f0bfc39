// What a person's shared overlay and card show. Pure (no server-only): the Settings form, the overlay
// and the server read the same schema and defaults. The device name is off by default: it says where
// someone is ("Maya's iPhone", "Office speaker"), which a stream audience has no need to know.
import { z } from "zod";

export const SHARE_THEMES = ["transparent", "light", "dark"] as const;
export const SHARE_SIZES = ["small", "medium", "large"] as const;

export const shareOptionsSchema = z
  .object({
    cover: z.boolean(),
    artists: z.boolean(),
    album: z.boolean(),
    progress: z.boolean(),
    /** Show a paused item (with a "Paused" label); off: a paused player looks like nothing playing. */
    paused: z.boolean(),
    device: z.boolean(),
    /** The overlay hides itself when nothing plays (OBS shows nothing); off: "Not playing". */
    hideWhenIdle: z.boolean(),
    theme: z.enum(SHARE_THEMES),
    size: z.enum(SHARE_SIZES),
  })
  .strict();

export type ShareOptions = z.infer<typeof shareOptionsSchema>;
export type ShareTheme = ShareOptions["theme"];
export type ShareSize = ShareOptions["size"];

export const DEFAULT_SHARE_OPTIONS: ShareOptions = {
  cover: true,
  artists: true,
  album: false,
  progress: true,
  paused: true,
  device: false,
  hideWhenIdle: false,
  theme: "transparent",
  size: "medium",
};

/** Stored options read back; anything unreadable (an older shape) falls back to the defaults. */
export function readShareOptions(stored: unknown): ShareOptions {
  const parsed = shareOptionsSchema.partial().safeParse(stored);
  return parsed.success ? { ...DEFAULT_SHARE_OPTIONS, ...parsed.data } : DEFAULT_SHARE_OPTIONS;
}
