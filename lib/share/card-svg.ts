// The README card: one self-contained SVG (GitHub's image proxy fetches nothing else, so the cover
// comes embedded as a data URI, and the font is the reader's system font). Pure: the route handler
// gathers the view and the cover, this draws them. Every text is escaped for XML.
import type { ShareOptions, ShareSize, ShareTheme } from "./share-options";
import { overlayLines, progressNow } from "./overlay-view";
import type { SharedView } from "./shared-view";

export type LastPlayed = { title: string; artists: string[]; playedAt: string };

export type CardInput = {
  view: SharedView;
  /** The newest stored play, for "Last played" when nothing plays. */
  lastPlayed: LastPlayed | null;
  options: ShareOptions;
  /** The cover as a data: URI, or null (hidden, missing or not fetchable). */
  cover: string | null;
  /** Server time the card is drawn at (epoch ms): the progress snapshot is the playhead then. */
  now: number;
  /** Said instead of anything else when Spotify could not be asked and nothing is known. */
  unavailable?: boolean;
};

const SIZES: Record<ShareSize, { width: number; height: number; scale: number }> = {
  small: { width: 360, height: 96, scale: 0.8 },
  medium: { width: 450, height: 120, scale: 1 },
  large: { width: 540, height: 144, scale: 1.2 },
};

type Palette = {
  background: string | null;
  border: string | null;
  text: string;
  muted: string;
  track: string;
};

const PALETTES: Record<ShareTheme, Palette> = {
  light: { background: "#ffffff", border: "#e4e4e7", text: "#18181b", muted: "#52525b", track: "#e4e4e7" },
  dark: { background: "#18181b", border: "#27272a", text: "#fafafa", muted: "#a1a1aa", track: "#3f3f46" },
  // On GitHub's light and dark pages alike: mid-grey text that reads on both.
  transparent: { background: null, border: null, text: "#71717a", muted: "#8b8b94", track: "#8b8b9455" },
};

const ACCENT = "#1db954";

export function renderCardSvg(input: CardInput): string {
  const { width, height, scale } = SIZES[input.options.size];
  const palette = PALETTES[input.options.theme];
  const pad = Math.round(12 * scale);
  const coverSize = height - 2 * pad;
  const lines = describe(input);
  const hasCover = input.cover !== null;
  const textX = hasCover ? pad + coverSize + Math.round(14 * scale) : pad + Math.round(4 * scale);
  const textWidth = width - textX - pad;
  const chars = (px: number) => Math.max(8, Math.floor(textWidth / (px * 0.56)));
  const fs = { label: Math.round(11 * scale), title: Math.round(17 * scale), sub: Math.round(13 * scale) };

  const parts: string[] = [];
  if (palette.background) {
    parts.push(
      `<rect x="0.5" y="0.5" width="${width - 1}" height="${height - 1}" rx="${Math.round(12 * scale)}" ` +
        `fill="${palette.background}" stroke="${palette.border}"/>`,
    );
  }
  if (input.cover) {
    parts.push(
      `<clipPath id="c"><rect x="${pad}" y="${pad}" width="${coverSize}" height="${coverSize}" rx="${Math.round(6 * scale)}"/></clipPath>`,
      `<image href="${escapeXml(input.cover)}" x="${pad}" y="${pad}" width="${coverSize}" height="${coverSize}" ` +
        `preserveAspectRatio="xMidYMid slice" clip-path="url(#c)"/>`,
    );
  }
  const top = pad + fs.label;
  parts.push(
    text(textX, top, fs.label, lines.label.toUpperCase(), lines.labelColor ?? palette.muted, "600", 0.08),
    text(
      textX,
      top + Math.round(8 * scale) + fs.title,
      fs.title,
      clip(lines.title, chars(fs.title)),
      palette.text,
      "700",
    ),
  );
  if (lines.subtitle) {
    parts.push(
      text(
        textX,
        top + Math.round(14 * scale) + fs.title + fs.sub,
        fs.sub,
        clip(lines.subtitle, chars(fs.sub)),
        palette.muted,
        "400",
      ),
    );
  }
  if (lines.fraction !== null) {
    const y = height - pad - Math.round(4 * scale);
    const barHeight = Math.max(3, Math.round(4 * scale));
    parts.push(
      `<rect x="${textX}" y="${y}" width="${textWidth}" height="${barHeight}" rx="${barHeight / 2}" fill="${palette.track}"/>`,
      `<rect x="${textX}" y="${y}" width="${(textWidth * lines.fraction).toFixed(1)}" height="${barHeight}" rx="${barHeight / 2}" fill="${ACCENT}"/>`,
    );
  }
  const title = [lines.label, lines.title, lines.subtitle].filter(Boolean).join(": ");
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ` +
    `role="img" aria-label="${escapeXml(title)}" font-family="-apple-system, BlinkMacSystemFont, 'Segoe UI', Helvetica, Arial, sans-serif">` +
    `<title>${escapeXml(title)}</title>${parts.join("")}</svg>`
  );
}

type CardLines = {
  label: string;
  labelColor?: string;
  title: string;
  subtitle: string | null;
  /** The progress bar's fill, 0..1; null draws no bar. */
  fraction: number | null;
};

export function describe({ view, lastPlayed, options, now, unavailable }: CardInput): CardLines {
  if (view.state === "idle") {
    if (unavailable && !lastPlayed)
      return { label: "Not available", title: "Spotify is not answering", subtitle: null, fraction: null };
    if (!lastPlayed)
      return { label: "Not playing", title: "Nothing playing right now", subtitle: null, fraction: null };
    return {
      label: `Last played · ${ago(Date.parse(lastPlayed.playedAt), now)}`,
      title: lastPlayed.title,
      subtitle: options.artists && lastPlayed.artists.length > 0 ? lastPlayed.artists.join(", ") : null,
      fraction: null,
    };
  }
  const lines = overlayLines(view);
  return {
    ...lines,
    labelColor: view.state === "playing" ? ACCENT : undefined,
    fraction: progressNow(view, now)?.fraction ?? null,
  };
}

function ago(at: number, now: number): string {
  const minutes = Math.max(0, Math.round((now - at) / 60_000));
  if (minutes < 1) return "just now";
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.round(hours / 24)} days ago`;
}

function text(
  x: number,
  y: number,
  size: number,
  value: string,
  fill: string,
  weight: string,
  spacing = 0,
): string {
  const letterSpacing = spacing ? ` letter-spacing="${(size * spacing).toFixed(2)}"` : "";
  return `<text x="${x}" y="${y}" font-size="${size}" font-weight="${weight}" fill="${fill}"${letterSpacing}>${escapeXml(value)}</text>`;
}

/** SVG text does not wrap or ellipsize: cut at about what fits, by code points (not UTF-16 halves). */
export function clip(value: string, max: number): string {
  const chars = Array.from(value);
  return chars.length <= max
    ? value
    : `${chars
        .slice(0, max - 1)
        .join("")
        .trimEnd()}…`;
}

export function escapeXml(value: string): string {
  return value
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}
