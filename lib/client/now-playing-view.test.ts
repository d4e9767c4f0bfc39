import { describe, expect, it } from "vitest";
import { describeNowPlaying } from "./now-playing-view";
import { episode, idle, play, playing, track } from "@/lib/listening/test-data";

describe("describeNowPlaying", () => {
  it("shows a track with its links", () => {
    const view = describeNowPlaying(playing({ item: track({ explicit: true }) }));
    expect(view).toMatchObject({
      status: "playing",
      statusLabel: "Playing",
      title: "Song One",
      titleUrl: "https://open.spotify.com/track/t1",
      detail: { name: "Album X" },
      explicit: true,
      cover: "art",
      showProgress: true,
    });
    expect(view.artists.map((a) => a.name)).toEqual(["Artist A"]);
  });

  it("says Paused", () => {
    expect(describeNowPlaying(playing({ state: "paused" }))).toMatchObject({
      status: "paused",
      statusLabel: "Paused",
    });
  });

  it("shows an episode with its show and art", () => {
    const view = describeNowPlaying(playing({ item: episode() }));
    expect(view).toMatchObject({
      title: "Episode One",
      cover: "art",
      badge: "Podcast",
      detail: { name: "Pub Co" },
    });
    expect(view.artists).toEqual([{ name: "The Show", url: "https://open.spotify.com/show/s" }]);
  });

  it("uses a placeholder for a local file", () => {
    const view = describeNowPlaying(
      playing({ item: track({ id: null, url: null, isLocal: true, title: "demo.mp3" }) }),
    );
    expect(view).toMatchObject({ title: "demo.mp3", titleUrl: null, cover: "local", badge: "Local file" });
  });

  it("shows an ad break as one", () => {
    expect(describeNowPlaying(playing({ kind: "ad", item: null, durationMs: null }))).toMatchObject({
      title: "Advertisement",
      cover: "ad",
      artists: [],
    });
  });

  it("shows idle with the last play", () => {
    const now = Date.parse("2025-11-24T10:05:00Z");
    const last = play("2025-11-24T10:02:00Z");
    const view = describeNowPlaying(idle(), { lastPlay: last, now, timeZone: "UTC" });
    expect(view).toMatchObject({
      status: "idle",
      title: "Nothing playing right now",
      subtitle: "Last played: Song One · Artist A",
      detail: { name: "3 min ago", url: null },
      dimmed: true,
      showProgress: false,
    });
  });

  it("knows loading from failing", () => {
    expect(describeNowPlaying(undefined).status).toBe("loading");
    expect(describeNowPlaying(undefined, { failed: true })).toMatchObject({
      status: "offline",
      statusLabel: "Offline",
    });
    expect(describeNowPlaying(undefined, { signInNeeded: true }).statusLabel).toBe("Signed out");
  });
});
