import { describe, expect, it } from "vitest";
import { playbackKey } from "./playback";
import {
  dedupePlays,
  expectsLoggedPlay,
  flattenPages,
  isNewPlay,
  mergePlays,
  newestPlayedAt,
  playKey,
  prependToPages,
} from "./plays";
import { episode, idle, play, playing, track } from "./test-data";

const p1 = play("2025-11-24T10:00:00.000Z", { id: "a" });
const p2 = play("2025-11-24T09:56:00.000Z", { id: "b" });
const p3 = play("2025-11-24T09:50:00.000Z", { id: "c" });
const p0 = play("2025-11-24T10:04:00.000Z", { id: "d" });

describe("recent plays", () => {
  it("identifies a play by time and track (the same track at two times is two plays)", () => {
    expect(playKey(p1)).not.toBe(playKey(play(p2.playedAt, { id: "a" })));
    expect(playKey(play(p1.playedAt, { id: null, title: "x.mp3", isLocal: true }))).toBe(
      `${Date.parse(p1.playedAt)}|local:x.mp3`,
    );
    // The store writes microseconds; Spotify, milliseconds: the same play either way.
    const stored = p1.playedAt.replace(/\.(\d{3})Z$/, ".$1000Z");
    expect(stored).not.toBe(p1.playedAt);
    expect(playKey(play(stored, { id: "a" }))).toBe(playKey(play(p1.playedAt, { id: "a" })));
  });

  it("dedupes and sorts newest first", () => {
    expect(dedupePlays([p2, p1, p2, p3, p1]).map((p) => p.track.id)).toEqual(["a", "b", "c"]);
  });

  it("merges newer plays at the top and reports only what was new", () => {
    const { plays, added } = mergePlays([p1, p2, p3], [p1, p0]);
    expect(plays.map((p) => p.track.id)).toEqual(["d", "a", "b", "c"]);
    expect(added.map((p) => p.track.id)).toEqual(["d"]);
  });

  it("returns the same list when nothing is new", () => {
    const existing = [p1, p2];
    expect(mergePlays(existing, [p2]).plays).toBe(existing);
  });

  it("flattens pages without duplicates and finds the newest time", () => {
    const pages = [
      { plays: [p1, p2], nextBefore: "1" },
      { plays: [p2, p3], nextBefore: null },
    ];
    expect(flattenPages(pages).map((p) => p.track.id)).toEqual(["a", "b", "c"]);
    expect(newestPlayedAt(pages)).toBe(Date.parse(p1.playedAt));
    expect(newestPlayedAt([])).toBeNull();
  });

  it("prepends to the first page and keeps the cursors", () => {
    const pages = [
      { plays: [p1, p2], nextBefore: "cursor-1" },
      { plays: [p3], nextBefore: null },
    ];
    const result = prependToPages(pages, [p0, p1]);
    expect(result.added.map((p) => p.track.id)).toEqual(["d"]);
    expect(result.pages[0]).toEqual({ plays: [p0, p1, p2], nextBefore: "cursor-1" });
    expect(result.pages[1]).toBe(pages[1]);
    expect(prependToPages(pages, [p1]).pages).toBe(pages);
    expect(prependToPages([], [p0])).toEqual({ pages: [], added: [] });
  });
});

describe("new plays", () => {
  const snap = (player: ReturnType<typeof playing>, receivedAt = player.readAt) => ({
    player,
    receivedAt,
    offsetMs: 0,
  });

  it("names what is playing", () => {
    expect(playbackKey(playing())).toBe("track:t1");
    expect(playbackKey(playing({ item: episode() }))).toBe("episode:e1");
    expect(playbackKey(playing({ item: track({ id: null, title: "Demo.mp3", isLocal: true }) }))).toBe(
      "track:Demo.mp3",
    );
    expect(playbackKey(playing({ kind: "ad", item: null }))).toBe("ad");
    expect(playbackKey(idle())).toBe("idle");
    expect(playbackKey(undefined)).toBeNull();
  });

  it("sees a change of item, a stop, but not the first answer or a pause", () => {
    const a = snap(playing());
    expect(isNewPlay(undefined, a)).toBe(false);
    expect(isNewPlay(a, snap(playing({ item: track({ id: "t2" }) })))).toBe(true);
    expect(isNewPlay(a, snap(idle()))).toBe(true);
    expect(isNewPlay(a, snap(playing({ state: "paused", changedAt: 999_000 })))).toBe(false);
  });

  it("sees the same item starting over (repeat one)", () => {
    const late = snap(playing({ progressMs: 170_000, readAt: 1_000_000, changedAt: 800_000 }));
    const again = snap(playing({ progressMs: 2_000, readAt: 1_015_000, changedAt: 1_013_000 }), 1_015_000);
    expect(isNewPlay(late, again)).toBe(true);
    // Same changedAt: just another poll.
    expect(
      isNewPlay(late, snap(playing({ progressMs: 175_000, readAt: 1_005_000, changedAt: 800_000 }))),
    ).toBe(false);
  });
});

describe("expectsLoggedPlay", () => {
  const at = (player: ReturnType<typeof playing>, receivedAt = player.readAt) => ({
    player,
    offsetMs: 0,
    receivedAt,
  });

  it("expects a play after a track heard for 30 s or more", () => {
    const heard = at(playing({ progressMs: 45_000 }));
    expect(expectsLoggedPlay(heard, at(playing({ item: track({ id: "t2" }), progressMs: 500 })))).toBe(true);
    // 20 s heard at the last poll, 15 s more until the change: 35 s.
    const earlier = at(playing({ progressMs: 20_000 }));
    expect(expectsLoggedPlay(earlier, at(idle(1_015_000), 1_015_000))).toBe(true);
  });

  it("dates a skip by the new item's position, not by when the dashboard noticed it", () => {
    // 20 s heard at the last poll; the next track is noticed 14 s later, 10 s into it: the skip
    // came 4 s after the poll, at 24 s heard. Not logged.
    const before = at(playing({ progressMs: 20_000 }));
    const after = at(
      playing({ item: track({ id: "t2" }), progressMs: 10_000, readAt: 1_014_000 }),
      1_014_000,
    );
    expect(expectsLoggedPlay(before, after)).toBe(false);
  });

  it("expects nothing after a track skipped or stopped within its first 30 s", () => {
    const early = at(playing({ progressMs: 5_000 }));
    expect(
      expectsLoggedPlay(
        early,
        at(playing({ item: track({ id: "t2" }), progressMs: 0, readAt: 1_010_000 }), 1_010_000),
      ),
    ).toBe(false);
    expect(expectsLoggedPlay(early, at(idle(1_010_000), 1_010_000))).toBe(false);
  });

  it("expects nothing after an episode or an ad, or without a change", () => {
    const podcast = at(playing({ item: episode(), progressMs: 600_000 }));
    expect(expectsLoggedPlay(podcast, at(playing({ progressMs: 1_000 })))).toBe(false);
    const ad = at(playing({ kind: "ad", item: null, durationMs: null, progressMs: null }));
    expect(expectsLoggedPlay(ad, at(playing({ progressMs: 1_000 })))).toBe(false);
    const same = at(playing({ progressMs: 60_000 }));
    expect(expectsLoggedPlay(same, at(playing({ progressMs: 75_000, readAt: 1_015_000 }), 1_015_000))).toBe(
      false,
    );
    expect(expectsLoggedPlay(undefined, same)).toBe(false);
  });
});
