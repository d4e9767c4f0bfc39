// GET /v1/me/player/recently-played: cursor paging over the 50 most recent plays, quirks included.

import type { Playable } from "./playback.ts";
import type { FinishedPlay } from "./playback.ts";
import { contextJson, localTrackJson, trackJson } from "./payloads.ts";

/** Spotify only keeps this many plays reachable; older ones are gone for good. */
export const REACHABLE_PLAYS = 50;

export type RecentlyPlayedResult =
  { status: 200; body: Record<string, unknown> } | { status: 400; message: string };

function parseMs(text: string | null): number | null | "invalid" {
  if (text === null) return null;
  if (!/^\d+$/.test(text)) return "invalid";
  return Number(text);
}

function trackOf(base: string, p: Playable): Record<string, unknown> | null {
  if (p.kind === "track") return trackJson(base, p.track);
  if (p.kind === "local") return localTrackJson(p.local);
  return null;
}

/** `playsNewestFirst`: the plays logged by now (late ones only once logged), newest first by played_at. */
export function recentlyPlayed(
  base: string,
  url: URL,
  playsNewestFirst: FinishedPlay[],
): RecentlyPlayedResult {
  const q = url.searchParams;
  const limitText = q.get("limit");
  const limit = limitText === null ? 20 : /^\d+$/.test(limitText) ? Number(limitText) : NaN;
  if (!Number.isInteger(limit) || limit < 1 || limit > 50) return { status: 400, message: "Invalid limit" };
  const after = parseMs(q.get("after"));
  const before = parseMs(q.get("before"));
  if (after === "invalid") return { status: 400, message: "Invalid after parameter" };
  if (before === "invalid") return { status: 400, message: "Invalid before parameter" };
  if (after !== null && before !== null)
    return { status: 400, message: "Only one of after or before can be specified" };

  const window = playsNewestFirst
    .filter((p) => p.playable.kind === "track" || p.playable.kind === "local")
    .slice(0, REACHABLE_PLAYS);
  let page: FinishedPlay[];
  if (after !== null) {
    // The plays right after the cursor (oldest of them first), still listed newest first.
    page = window.filter((p) => p.playedAt > after).slice(-limit);
  } else {
    page = window.filter((p) => before === null || p.playedAt < before).slice(0, limit);
  }
  const path = `${base}${url.pathname}`;
  const href = `${path}${url.search}`;
  const newest = page[0];
  const oldest = page[page.length - 1];
  if (!newest || !oldest) return { status: 200, body: { items: [], next: null, cursors: null, limit, href } };

  // Like Spotify, `next` is set on every non-empty page; the end shows up as an empty page.
  const next =
    after !== null
      ? `${path}?after=${newest.playedAt}&limit=${limit}`
      : `${path}?before=${oldest.playedAt}&limit=${limit}`;
  return {
    status: 200,
    body: {
      items: page.map((p) => ({
        track: trackOf(base, p.playable),
        played_at: new Date(p.playedAt).toISOString(),
        context: contextJson(base, p.context, true),
      })),
      next,
      cursors: { after: String(newest.playedAt), before: String(oldest.playedAt) },
      limit,
      href,
    },
  };
}
