// Cover and show art: the sizes Spotify sends, and what stands in the cover square. The normalizer
// (server) picks images by these widths and the cover component (browser) offers them to the
// browser by the same widths, so the two cannot disagree.
import type { ImageSet, PlayingItem } from "./types";

/** Spotify's image widths in px, by the ImageSet slot each fills. */
export const IMAGE_WIDTHS = { small: 64, medium: 300, large: 640 } as const satisfies Record<
  keyof ImageSet,
  number
>;

/** What stands in the cover square. */
export type CoverKind = "art" | "local" | "ad" | "unknown" | "none";

export function hasImage(images: ImageSet | null): boolean {
  return !!images && (images.small ?? images.medium ?? images.large) !== null;
}

/** The art when there is some; otherwise the local-file placeholder for a local track, else "unknown". */
export function coverKind(item: PlayingItem): CoverKind {
  if (hasImage(item.images)) return "art";
  return item.kind === "track" && item.isLocal ? "local" : "unknown";
}
