// The overlay's words and playhead for a shared view. Pure, for the overlay component and its tests.
import type { SharedView } from "./shared-view";

export type OverlayLines = { label: string; title: string; subtitle: string | null };

export function overlayLines(view: SharedView): OverlayLines {
  if (view.state === "idle") return { label: "Not playing", title: "Nothing right now", subtitle: null };
  const label = view.state === "paused" ? "Paused" : view.kind === "episode" ? "Listening to" : "Now playing";
  if (view.kind === "ad") return { label, title: "Advertisement", subtitle: null };
  const subtitle = [view.artists.join(", "), view.album, view.device ? `on ${view.device}` : null]
    .filter((part): part is string => Boolean(part))
    .join(" · ");
  return { label, title: view.title ?? "Something on Spotify", subtitle: subtitle || null };
}

/** Where the bar is at server time `serverNow`, and how long until the item ends; null: no bar. */
export function progressNow(
  view: SharedView,
  serverNow: number,
): { fraction: number; remainingMs: number } | null {
  if (view.state === "idle" || view.progressMs === null || view.durationMs === null || view.durationMs <= 0) {
    return null;
  }
  const moved = view.state === "playing" ? Math.max(0, serverNow - view.readAt) : 0;
  const position = Math.min(view.durationMs, view.progressMs + moved);
  return { fraction: position / view.durationMs, remainingMs: view.durationMs - position };
}
