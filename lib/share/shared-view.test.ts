// What a share link shows: cut by the owner's options, nothing more; and when a new view is a change.
import { describe, expect, it } from "vitest";
import { episode, idle, playing, track } from "@/lib/listening/test-data";
import { DEFAULT_SHARE_OPTIONS, readShareOptions } from "./share-options";
import { overlayLines, progressNow } from "./overlay-view";
import { sameView, type SharedView, toSharedView } from "./shared-view";

const all = { ...DEFAULT_SHARE_OPTIONS, album: true, device: true };

describe("toSharedView", () => {
  it("shows a track's title, artists and cover; the device only when asked for", () => {
    const view = toSharedView(playing(), DEFAULT_SHARE_OPTIONS);
    expect(view).toEqual({
      state: "playing",
      kind: "track",
      title: "Song One",
      artists: ["Artist A"],
      album: null,
      coverUrl: "https://i/300.jpg",
      progressMs: 60_000,
      durationMs: 180_000,
      readAt: 1_000_000,
      device: null,
    });
    expect(toSharedView(playing(), all)).toMatchObject({ album: "Album X", device: "Kitchen" });
  });

  it("carries no ids, links or account data", () => {
    const text = JSON.stringify(toSharedView(playing(), all));
    expect(text).not.toContain("open.spotify.com");
    expect(text).not.toContain("t1");
    expect(text).not.toContain("Speaker");
  });

  it("hides what the options turn off", () => {
    const none = { ...all, cover: false, artists: false, album: false, progress: false, device: false };
    expect(toSharedView(playing(), none)).toMatchObject({
      artists: [],
      album: null,
      coverUrl: null,
      progressMs: null,
      durationMs: null,
      device: null,
    });
  });

  it("shows an episode's show in the artists' place, and no album", () => {
    const view = toSharedView(playing({ item: episode() }), all);
    expect(view).toMatchObject({ kind: "episode", title: "Episode One", artists: ["The Show"], album: null });
    expect(overlayLines(view)).toEqual({
      label: "Listening to",
      title: "Episode One",
      subtitle: "The Show · on Kitchen",
    });
  });

  it("says Advertisement for an ad, which has no item", () => {
    const view = toSharedView(playing({ kind: "ad", item: null, durationMs: null, progressMs: null }), all);
    expect(overlayLines(view)).toEqual({ label: "Now playing", title: "Advertisement", subtitle: null });
  });

  it("shows a paused item as paused, or as nothing when the owner hides pauses", () => {
    const paused = playing({ state: "paused" });
    expect(overlayLines(toSharedView(paused, all)).label).toBe("Paused");
    expect(toSharedView(paused, { ...all, paused: false })).toEqual({ state: "idle" });
    expect(toSharedView(idle(), all)).toEqual({ state: "idle" });
  });
});

describe("sameView", () => {
  const base = toSharedView(playing(), DEFAULT_SHARE_OPTIONS);
  const later = (ms: number, progressMs: number): SharedView =>
    toSharedView(playing({ readAt: 1_000_000 + ms, progressMs }), DEFAULT_SHARE_OPTIONS);

  it("is the same view when only the clock moved on", () => {
    expect(sameView(base, later(15_000, 75_000))).toBe(true);
  });

  it("is a change on a seek, a new track, a pause or the end", () => {
    expect(sameView(base, later(15_000, 120_000))).toBe(false);
    expect(
      sameView(base, toSharedView(playing({ item: track({ title: "Song Two" }) }), DEFAULT_SHARE_OPTIONS)),
    ).toBe(false);
    expect(sameView(base, toSharedView(playing({ state: "paused" }), DEFAULT_SHARE_OPTIONS))).toBe(false);
    expect(sameView(base, { state: "idle" })).toBe(false);
    expect(sameView({ state: "idle" }, { state: "idle" })).toBe(true);
  });
});

describe("progressNow", () => {
  it("moves a playing item on from when it was read, and stops at its end", () => {
    const view = toSharedView(playing(), DEFAULT_SHARE_OPTIONS);
    expect(progressNow(view, 1_000_000 + 30_000)).toEqual({ fraction: 0.5, remainingMs: 90_000 });
    expect(progressNow(view, 1_000_000 + 500_000)).toEqual({ fraction: 1, remainingMs: 0 });
  });

  it("holds a paused item still, and draws no bar without a length", () => {
    const paused = toSharedView(playing({ state: "paused" }), DEFAULT_SHARE_OPTIONS);
    expect(progressNow(paused, 1_000_000 + 30_000)?.fraction).toBeCloseTo(1 / 3);
    const ad = toSharedView(playing({ kind: "ad", item: null, durationMs: null }), DEFAULT_SHARE_OPTIONS);
    expect(progressNow(ad, 1_000_000)).toBeNull();
  });
});

describe("readShareOptions", () => {
  it("fills what an older row lacks from the defaults, and ignores what it cannot read", () => {
    expect(readShareOptions({ theme: "dark" })).toEqual({ ...DEFAULT_SHARE_OPTIONS, theme: "dark" });
    expect(readShareOptions({ theme: "neon" })).toEqual(DEFAULT_SHARE_OPTIONS);
    expect(readShareOptions(null)).toEqual(DEFAULT_SHARE_OPTIONS);
  });
});
