// Generated SVG cover art and avatars, served by the emulator so payload image URLs resolve offline.

import type { ServerResponse } from "node:http";
import type { EmulatorState } from "./emulator-state.ts";
import { sendApiError } from "./http-util.ts";
import { createRng, hashString } from "./prng.ts";

export const IMAGE_SIZES = [640, 300, 64] as const;

export interface ImageObject {
  url: string;
  height: number;
  width: number;
}

export function imageUrl(base: string, imageId: string, size: number): string {
  return `${base}/images/${encodeURIComponent(imageId)}/${size}`;
}

/** Spotify's image list: every size, largest first. */
export function coverImages(base: string, imageId: string): ImageObject[] {
  return IMAGE_SIZES.map((size) => ({ url: imageUrl(base, imageId, size), height: size, width: size }));
}

export function avatarImageId(listenerId: string): string {
  return `user-${listenerId}`;
}

export function avatarImages(base: string, listenerId: string): ImageObject[] {
  return [300, 64].map((size) => ({
    url: imageUrl(base, avatarImageId(listenerId), size),
    height: size,
    width: size,
  }));
}

function initials(title: string): string {
  const words = title
    .replace(/\(.*?\)/g, "")
    .split(/[\s&]+/)
    .filter((w) => /^[\p{L}\p{N}]/u.test(w) && !/^(the|of|for|a)$/i.test(w));
  return (
    words
      .slice(0, 2)
      .map((w) => w[0]?.toUpperCase() ?? "")
      .join("") || "?"
  );
}

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** A gradient with a few translucent shapes and the initials; deterministic per id. */
export function renderCoverSvg(imageId: string, title: string, size: number, round: boolean): string {
  const rng = createRng(hashString(imageId));
  const hue = rng.int(0, 359);
  const hue2 = (hue + rng.int(40, 160)) % 360;
  const shapes: string[] = [];
  for (let i = 0; i < 4; i++) {
    const cx = rng.int(0, 100);
    const cy = rng.int(0, 100);
    const r = rng.int(12, 48);
    const fill = `hsl(${(hue + i * 47) % 360}, 80%, ${rng.int(55, 80)}%)`;
    shapes.push(
      rng.chance(0.5)
        ? `<circle cx="${cx}" cy="${cy}" r="${r}" fill="${fill}" opacity="0.28"/>`
        : `<rect x="${cx - r / 2}" y="${cy - r / 2}" width="${r}" height="${r}" fill="${fill}" opacity="0.22" transform="rotate(${rng.int(0, 90)} ${cx} ${cy})"/>`,
    );
  }
  const clip = round ? `<clipPath id="c"><circle cx="50" cy="50" r="50"/></clipPath>` : "";
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 100 100" role="img" aria-label="${escapeXml(title)}">`,
    `<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="hsl(${hue}, 70%, 52%)"/><stop offset="1" stop-color="hsl(${hue2}, 65%, 22%)"/></linearGradient>${clip}</defs>`,
    `<g${round ? ' clip-path="url(#c)"' : ""}>`,
    `<rect width="100" height="100" fill="url(#g)"/>`,
    ...shapes,
    `<text x="50" y="54" text-anchor="middle" dominant-baseline="middle" font-family="Helvetica, Arial, sans-serif" font-weight="700" font-size="30" fill="#fff" fill-opacity="0.92">${escapeXml(initials(title))}</text>`,
    `</g></svg>`,
  ].join("");
}

function titleFor(state: EmulatorState, imageId: string): { title: string; round: boolean } | null {
  if (imageId.startsWith("user-")) {
    const listener = state.listeners.get(imageId.slice(5));
    return listener?.profile.hasAvatar ? { title: listener.profile.displayName, round: true } : null;
  }
  const album = state.catalog.albums.find((a) => a.id === imageId);
  if (album) return { title: album.name, round: false };
  const show = state.catalog.shows.find((s) => s.id === imageId);
  if (show) return { title: show.name, round: false };
  return null;
}

/** GET /images/<id>/<size> */
export function serveImage(
  state: EmulatorState,
  res: ServerResponse,
  imageId: string,
  sizeText: string,
): void {
  const size = Number(sizeText);
  const found = titleFor(state, imageId);
  if (!found || !(IMAGE_SIZES as readonly number[]).includes(size)) {
    sendApiError(res, 404, "Image not found");
    return;
  }
  const svg = renderCoverSvg(imageId, found.title, size, found.round);
  res.writeHead(200, {
    "content-type": "image/svg+xml",
    "cache-control": "public, max-age=31536000, immutable",
    "content-length": Buffer.byteLength(svg),
  });
  res.end(svg);
}
