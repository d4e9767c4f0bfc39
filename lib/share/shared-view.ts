// What a share link shows of someone's player: a small view cut from the PlayerState by their share
// options, and nothing else (no ids, no device unless asked for, no account). Pure: the server builds
// it for the overlay's stream and the card, and the overlay renders it.
import type { PlayerState } from "@/lib/listening";
import type { ShareOptions } from "./share-options";

export type SharedItemKind = "track" | "episode" | "ad" | "unknown";

export type SharedView =
  | { state: "idle" }
  | {
      state: "playing" | "paused";
      kind: SharedItemKind;
      /** Null for ads and unknown items (the overlay says "Advertisement" or nothing). */
      title: string | null;
      /** A track's artists, or an episode's show; empty when hidden. */
      artists: string[];
      /** A track's album; null for episodes or when hidden. */
      album: string | null;
      /** The medium (300 px) cover, else any size; null when hidden or missing. */
      coverUrl: string | null;
      /** Null when hidden by the options or unknown (ads, some devices). */
      progressMs: number | null;
      durationMs: number | null;
      /** Server time (epoch ms) `progressMs` was read at. */
      readAt: number;
      device: string | null;
    };

export function toSharedView(player: PlayerState, options: ShareOptions): SharedView {
  if (player.state === "idle" || (player.state === "paused" && !options.paused)) return { state: "idle" };
  const item = player.item;
  const images = item?.images;
  const cover = images ? (images.medium ?? images.large ?? images.small) : null;
  const artists =
    item?.kind === "track"
      ? item.artists.map((a) => a.name)
      : item?.kind === "episode"
        ? [item.show.name]
        : [];
  return {
    state: player.state,
    kind: player.kind,
    title: item?.title ?? null,
    artists: options.artists ? artists : [],
    album: options.album && item?.kind === "track" ? (item.album?.name ?? null) : null,
    coverUrl: options.cover ? cover : null,
    progressMs: options.progress ? player.progressMs : null,
    durationMs: options.progress ? (player.durationMs ?? item?.durationMs ?? null) : null,
    readAt: player.readAt,
    device: options.device ? (player.device?.name ?? null) : null,
  };
}

/** Two views that would render alike (the read time moves on every poll and changes nothing shown). */
export function sameView(a: SharedView, b: SharedView): boolean {
  if (a.state === "idle" || b.state === "idle") return a.state === b.state;
  const { readAt: _a, progressMs: pa, ...restA } = a;
  const { readAt: _b, progressMs: pb, ...restB } = b;
  if (JSON.stringify(restA) !== JSON.stringify(restB)) return false;
  if (pa === null || pb === null) return pa === pb;
  // A playing item's position advances with the clock; only a jump (a seek) is a change.
  const expected = a.state === "playing" ? pa + (b.readAt - a.readAt) : pa;
  return Math.abs(pb - expected) < 2_000;
}
