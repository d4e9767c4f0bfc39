import { describe, expect, it, vi } from "vitest";
import { ApiError } from "@/lib/errors";
import { RECENT_PLAYS_PAGE_SIZE, RECENT_PLAYS_WINDOW } from "./limits";
import { type FirstPageSources, firstRecentPage } from "./recent-page";
import { play } from "./test-data";
import type { HistoryPage, RecentPlays, StoredPlay } from "./types";

const stored = (playedAt: string, id: string): StoredPlay => ({
  ...play(playedAt, { id }),
  id: `row-${id}`,
  source: "recorded",
  msPlayed: null,
  artistKeys: [],
  albumKey: null,
});

const storePage = (overrides: Partial<HistoryPage> = {}): HistoryPage => ({
  plays: [stored("2025-11-24T10:00:00.000Z", "a"), stored("2025-11-24T09:50:00.000Z", "b")],
  nextCursor: "c1",
  gaps: [],
  recordingPaused: false,
  ...overrides,
});

const spotifyWindow: RecentPlays = {
  plays: [play("2025-11-24T10:04:00.000Z", { id: "w" })],
  nextBefore: "123",
};

function sources(store: () => Promise<HistoryPage>, newer: () => Promise<RecentPlays>) {
  const spotify = vi.fn<FirstPageSources["spotify"]>(async (query) =>
    query.after === undefined ? spotifyWindow : newer(),
  );
  return { stored: vi.fn(store), spotify };
}

describe("the recent list's first page", () => {
  it("is the store's newest, with what Spotify logged since on top (one after= call)", async () => {
    const newer = { plays: [play("2025-11-24T10:04:00.000Z", { id: "n" })], nextBefore: null };
    const reads = sources(
      async () => storePage(),
      async () => newer,
    );
    const page = await firstRecentPage(reads);
    expect(page.source).toBe("store");
    expect(page.next).toEqual({ cursor: "c1" });
    expect(page.plays.map((p) => p.track.id)).toEqual(["n", "a", "b"]);
    expect(reads.stored).toHaveBeenCalledWith(RECENT_PLAYS_PAGE_SIZE);
    expect(reads.spotify).toHaveBeenCalledWith({
      limit: RECENT_PLAYS_WINDOW,
      after: Date.parse("2025-11-24T10:00:00.000Z"),
    });
  });

  it("is Spotify's window when the store has nothing, is paused, is down, or is a window behind", async () => {
    const full = {
      plays: Array.from({ length: RECENT_PLAYS_WINDOW }, () => play("2025-11-24T11:00:00.000Z")),
      nextBefore: null,
    };
    for (const reads of [
      sources(
        async () => storePage({ plays: [] }),
        async () => full,
      ),
      sources(
        async () => storePage({ recordingPaused: true }),
        async () => full,
      ),
      sources(
        async () => Promise.reject(new ApiError("store_unavailable", "down")),
        async () => full,
      ),
      sources(
        async () => storePage(),
        async () => full,
      ),
    ]) {
      const page = await firstRecentPage(reads);
      expect(page).toEqual({ ...spotifyWindow, source: "spotify", next: { before: "123" } });
    }
  });

  it("shows what is stored when Spotify fails, unless Spotify wants a new sign-in", async () => {
    const rateLimited = sources(
      async () => storePage(),
      async () => Promise.reject(new ApiError("rate_limited", "wait", 5)),
    );
    expect((await firstRecentPage(rateLimited)).plays).toHaveLength(2);
    const reauth = sources(
      async () => storePage(),
      async () => Promise.reject(new ApiError("reauth_required", "sign in")),
    );
    await expect(firstRecentPage(reauth)).rejects.toMatchObject({ code: "reauth_required" });
    const storeBroken = sources(
      async () => Promise.reject(new ApiError("internal_error", "boom")),
      async () => spotifyWindow,
    );
    await expect(firstRecentPage(storeBroken)).rejects.toMatchObject({ code: "internal_error" });
  });
});
