import { describe, expect, it } from "vitest";
import {
  currentlyPlaying,
  emptyRecentlyPlayedPage,
  episode,
  localTrack,
  recentlyPlayedPage,
  track,
} from "./fixtures/payloads";
import { toImageSet, toNowPlaying, toPlayerState, toRecentPlays } from "./normalize";
import { currentlyPlayingSchema, playbackStateSchema, recentlyPlayedSchema } from "./schemas";

const READ_AT = 1_764_000_005_000;
const parseNow = (payload: unknown) => currentlyPlayingSchema.parse(payload);

describe("toNowPlaying", () => {
  it("reshapes a playing track into the app's type", () => {
    const now = toNowPlaying(parseNow(currentlyPlaying()), READ_AT);
    expect(now).toEqual({
      state: "playing",
      kind: "track",
      item: {
        kind: "track",
        id: "t1",
        title: "Lighthouse (feat. Mira Sol)",
        artists: [
          { name: "The Lanterns", url: "https://open.spotify.com/artist/a1" },
          { name: "Mira Sol", url: "https://open.spotify.com/artist/a2" },
        ],
        album: { name: "Night Harbour", url: "https://open.spotify.com/album/al1" },
        images: {
          small: "https://i.scdn.co/image/al1-64",
          medium: "https://i.scdn.co/image/al1-300",
          large: "https://i.scdn.co/image/al1-640",
        },
        durationMs: 214_000,
        url: "https://open.spotify.com/track/t1",
        explicit: true,
        isLocal: false,
      },
      progressMs: 61_000,
      durationMs: 214_000,
      readAt: READ_AT,
      // Spotify's timestamp is the last state change, kept apart from when progress was read.
      changedAt: 1_764_000_000_000,
      // The broken `href` (…/null) is not used; the public link is.
      context: { type: "playlist", uri: "spotify:playlist:p1", url: "https://open.spotify.com/playlist/p1" },
    });
  });

  it("says paused when Spotify says is_playing false", () => {
    expect(toNowPlaying(parseNow(currentlyPlaying({ is_playing: false })), READ_AT).state).toBe("paused");
  });

  it("handles a local file: no ids, links or cover", () => {
    const now = toNowPlaying(parseNow(currentlyPlaying({ item: localTrack, context: null })), READ_AT);
    expect(now.state).toBe("playing");
    if (now.state === "idle") throw new Error("unreachable");
    expect(now.item).toMatchObject({
      kind: "track",
      id: null,
      url: null,
      isLocal: true,
      title: "Garage Jam",
      artists: [{ name: "Uncle Pete", url: null }],
      album: { name: "Basement Tapes", url: null },
      images: { small: null, medium: null, large: null },
    });
    expect(now.context).toBeNull();
  });

  it("handles an episode, with its show", () => {
    const now = toNowPlaying(
      parseNow(currentlyPlaying({ item: episode, currently_playing_type: "episode" })),
      READ_AT,
    );
    if (now.state === "idle") throw new Error("unreachable");
    expect(now.kind).toBe("episode");
    expect(now.item).toMatchObject({
      kind: "episode",
      title: "Why cities hum",
      show: { name: "Field Notes", publisher: "Quiet Radio", url: "https://open.spotify.com/show/s1" },
      images: { large: "https://i.scdn.co/image/e1-640", small: "https://i.scdn.co/image/e1-64" },
      durationMs: 2_400_000,
    });
  });

  it("handles an ad: no item, no progress, no duration", () => {
    const now = toNowPlaying(
      parseNow(
        currentlyPlaying({ item: null, currently_playing_type: "ad", progress_ms: null, context: null }),
      ),
      READ_AT,
    );
    expect(now).toMatchObject({
      state: "playing",
      kind: "ad",
      item: null,
      progressMs: null,
      durationMs: null,
    });
  });

  it("reads an unknown item type as no item rather than failing", () => {
    const now = toNowPlaying(
      parseNow(currentlyPlaying({ item: { type: "chapter", name: "x" }, currently_playing_type: "unknown" })),
      READ_AT,
    );
    expect(now).toMatchObject({ kind: "unknown", item: null });
  });

  it("clamps progress to the duration and keeps a null progress", () => {
    const over = toNowPlaying(parseNow(currentlyPlaying({ progress_ms: 999_999 })), READ_AT);
    expect(over.state !== "idle" && over.progressMs).toBe(214_000);
    const none = toNowPlaying(parseNow(currentlyPlaying({ progress_ms: null })), READ_AT);
    expect(none.state !== "idle" && none.progressMs).toBeNull();
  });

  it("is idle for a 204", () => {
    expect(toNowPlaying(null, READ_AT)).toEqual({ state: "idle", readAt: READ_AT });
  });

  it("rejects a payload that is not Spotify's shape", () => {
    expect(currentlyPlayingSchema.safeParse({ is_playing: "yes" }).success).toBe(false);
    expect(
      currentlyPlayingSchema.safeParse(currentlyPlaying({ item: { ...track, duration_ms: "long" } })).success,
    ).toBe(false);
  });
});

describe("toPlayerState", () => {
  it("adds device, shuffle and repeat", () => {
    const payload = playbackStateSchema.parse({
      ...currentlyPlaying(),
      device: {
        id: null,
        is_active: true,
        is_private_session: false,
        is_restricted: false,
        name: "Kitchen",
        type: "CastAudio",
        volume_percent: null,
        supports_volume: false,
      },
      shuffle_state: true,
      repeat_state: "context",
    });
    expect(toPlayerState(payload, READ_AT)).toMatchObject({
      state: "playing",
      device: { name: "Kitchen", type: "CastAudio", volumePercent: null },
      shuffle: true,
      repeat: "context",
    });
  });

  it("is idle with no device for a 204", () => {
    expect(toPlayerState(null, READ_AT)).toEqual({
      state: "idle",
      readAt: READ_AT,
      device: null,
      shuffle: false,
      repeat: "off",
    });
  });
});

describe("toRecentPlays", () => {
  it("lists plays newest first with the cursor for the next page", () => {
    const page = toRecentPlays(recentlyPlayedSchema.parse(recentlyPlayedPage), 2);
    expect(page.plays.map((p) => [p.playedAt, p.track.title])).toEqual([
      ["2026-11-28T10:03:24.685Z", "Lighthouse (feat. Mira Sol)"],
      ["2026-11-28T09:58:00.000Z", "Garage Jam"],
    ]);
    expect(page.plays[1]!.track.isLocal).toBe(true);
    expect(page.plays[0]!.context?.url).toBe("https://open.spotify.com/playlist/p1");
    expect(page.nextBefore).toBe("1764323880000");
  });

  it("ends at a short page: Spotify keeps only 50 plays", () => {
    expect(toRecentPlays(recentlyPlayedSchema.parse(recentlyPlayedPage), 20).nextBefore).toBeNull();
  });

  it("reads the empty last page (cursors null)", () => {
    expect(toRecentPlays(recentlyPlayedSchema.parse(emptyRecentlyPlayedPage), 20)).toEqual({
      plays: [],
      nextBefore: null,
    });
  });
});

describe("toImageSet", () => {
  it("picks by size whatever the order, and copes with one or no image", () => {
    const imgs = [64, 640, 300].map((w) => ({ url: `u${w}`, width: w, height: w }));
    expect(toImageSet(imgs)).toEqual({ small: "u64", medium: "u300", large: "u640" });
    expect(toImageSet([{ url: "only", width: null, height: null }])).toEqual({
      small: "only",
      medium: "only",
      large: "only",
    });
    expect(toImageSet([])).toEqual({ small: null, medium: null, large: null });
  });
});
