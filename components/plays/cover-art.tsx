"use client";
// A cover in a fixed square: the best-sized Spotify image for the slot, or a quiet placeholder for
// local files, ads and missing art (also when an image fails to load), so nothing ever shifts. A new
// cover fades in once it has loaded, over the previous one, which stays until then. A cover that was
// in the server's HTML is drawn as it loads, like any image: it replaces nothing, and hiding it until
// the scripts have run would only make the page's largest image late.
import { useCallback, useState } from "react";
import { useHydrating } from "@/lib/client/use-hydrating";
import type { ImageSet } from "@/lib/listening";
import { type CoverKind, IMAGE_WIDTHS } from "@/lib/listening/images";
import { FileMusicIcon, MegaphoneIcon, MusicNoteIcon } from "@/components/ui/icons";

export function coverSources(images: ImageSet | null): { src: string; srcSet: string | undefined } | null {
  if (!images) return null;
  const src = images.medium ?? images.large ?? images.small;
  if (!src) return null;
  const candidates: [string | null, number][] = [
    [images.small, IMAGE_WIDTHS.small],
    [images.medium, IMAGE_WIDTHS.medium],
    [images.large, IMAGE_WIDTHS.large],
  ];
  const srcSet = candidates
    .filter(([url]) => url)
    .map(([url, w]) => `${url} ${w}w`)
    .join(", ");
  return { src, srcSet: srcSet || undefined };
}

export function CoverArt({
  images,
  kind,
  alt,
  sizes,
  className = "",
  dimmed = false,
  rounded = "rounded-lg",
  priority = false,
  thumbnail = false,
}: {
  images: ImageSet | null;
  kind: CoverKind;
  alt: string;
  /** The `sizes` attribute: how wide the square is drawn, so the browser picks 64, 300 or 640 px. */
  sizes: string;
  className?: string;
  dimmed?: boolean;
  rounded?: string;
  /** The page's main image (the now-playing cover): fetched before the other images. */
  priority?: boolean;
  /**
   * One of a list's many small covers: fetched after the page's other images, and never preloaded
   * (React preloads the first images a server draws, in the page's head, ahead of the main one).
   */
  thumbnail?: boolean;
}) {
  const [failedSrc, setFailedSrc] = useState<string | null>(null);
  const [loadedSrc, setLoadedSrc] = useState<string | null>(null);
  // The last cover that finished fading in (the URL the browser chose from srcset): drawn under a new
  // one until that has loaded, so a change of track never shows the empty square or a half-loaded image.
  const [backdrop, setBackdrop] = useState<string | null>(null);
  const sources = kind === "art" ? coverSources(images) : null;
  const showImage = sources !== null && failedSrc !== sources.src;
  // A placeholder in between: the next cover fades in over the empty square, not over a stale one.
  if (!showImage && backdrop !== null) setBackdrop(null);
  const loaded = showImage && loadedSrc === sources.src;
  const src = sources?.src ?? null;
  // The image the server drew, if any: shown at once, no fade (see above). Any later one fades in,
  // even if it is that image again.
  const hydrating = useHydrating();
  const [serverSrc, setServerSrc] = useState(() => (hydrating ? src : null));
  if (serverSrc !== null && src !== serverSrc) setServerSrc(null);
  const drawnAtOnce = src !== null && src === serverSrc;
  const seeLoaded = useCallback(
    (img: HTMLImageElement, loadedFrom: string) => {
      setLoadedSrc(loadedFrom);
      // No fade, so no transitionend: it is the cover kept under the next one from now on.
      if (loadedFrom === serverSrc) setBackdrop(img.currentSrc || loadedFrom);
    },
    [serverSrc],
  );
  // Stable per image: an inline ref would run (and set state) on every render, rendering forever.
  const seeImage = useCallback(
    (img: HTMLImageElement | null) => {
      // Already in the cache (or loaded before hydration): no load event is coming.
      if (img && src && img.complete && img.naturalWidth > 0) seeLoaded(img, src);
    },
    [src, seeLoaded],
  );
  const tone = dimmed ? "opacity-50 grayscale" : "";
  return (
    <div
      className={`relative shrink-0 overflow-hidden bg-zinc-200 shadow-sm ring-1 ring-black/5 dark:bg-zinc-800 dark:ring-white/10 ${rounded} ${className}`}
    >
      {showImage ? (
        <>
          {backdrop ? (
            <div
              aria-hidden="true"
              data-testid="cover-backdrop"
              className={`absolute inset-0 bg-cover bg-center ${tone}`}
              style={{ backgroundImage: `url("${backdrop}")` }}
            />
          ) : null}
          <img
            key={sources.src}
            ref={seeImage}
            src={sources.src}
            srcSet={sources.srcSet}
            sizes={sizes}
            alt={alt}
            width={IMAGE_WIDTHS.large}
            height={IMAGE_WIDTHS.large}
            decoding={priority ? undefined : "async"}
            fetchPriority={priority ? "high" : thumbnail ? "low" : undefined}
            data-loaded={loaded || undefined}
            onLoad={(event) => seeLoaded(event.currentTarget, sources.src)}
            onError={() => setFailedSrc(sources.src)}
            onTransitionEnd={(event) => {
              if (loaded) setBackdrop(event.currentTarget.currentSrc || sources.src);
            }}
            className={`relative size-full object-cover ${drawnAtOnce ? tone : `transition-opacity duration-300 ${loaded ? (dimmed ? tone : "opacity-100") : "opacity-0"}`}`}
          />
        </>
      ) : (
        <Placeholder kind={kind} />
      )}
    </div>
  );
}

function Placeholder({ kind }: { kind: CoverKind }) {
  if (kind === "none") return null;
  const Icon = kind === "local" ? FileMusicIcon : kind === "ad" ? MegaphoneIcon : MusicNoteIcon;
  const label = kind === "local" ? "Local file" : kind === "ad" ? "Advertisement" : "No artwork";
  return (
    <div
      role="img"
      aria-label={label}
      className="flex size-full items-center justify-center bg-linear-to-br from-zinc-200 to-zinc-300 text-zinc-500 dark:from-zinc-800 dark:to-zinc-900 dark:text-zinc-500"
    >
      <Icon className="size-1/3 max-h-16 max-w-16" />
    </div>
  );
}
