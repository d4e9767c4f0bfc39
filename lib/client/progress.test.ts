import { describe, expect, it } from "vitest";
import { ClockOffset, expectsLoggedPlay, isNewPlay, playbackKey, progressAt } from "./progress";
import { episode, idle, playing, track } from "./test-data";

describe("progressAt", () => {
  const readAt = 1_000_000;

  it("advances while playing by the time since the server read it", () => {
    const p = progressAt(playing({ progressMs: 60_000, readAt }), readAt + 2_500, 0);
    expect(p.positionMs).toBe(62_500);
    expect(p.fraction).toBeCloseTo(62_500 / 180_000);
    expect(p.moving).toBe(true);
  });

  it("applies the clock offset (server minus client)", () => {
    // The client clock is 5 s ahead: offset -5 s; 1 s has really passed.
    expect(progressAt(playing({ progressMs: 60_000, readAt }), readAt + 6_000, -5_000).positionMs).toBe(
      61_000,
    );
  });

  it("never goes backwards from the reported position or past the end", () => {
    expect(progressAt(playing({ progressMs: 60_000, readAt }), readAt - 3_000, 0).positionMs).toBe(60_000);
    const end = progressAt(playing({ progressMs: 179_000, readAt }), readAt + 10_000, 0);
    expect(end.positionMs).toBe(180_000);
    expect(end.fraction).toBe(1);
  });

  it("stands still while paused", () => {
    const p = progressAt(playing({ state: "paused", progressMs: 30_000, readAt }), readAt + 60_000, 0);
    expect(p.positionMs).toBe(30_000);
    expect(p.moving).toBe(false);
  });

  it("has no fraction without a length (ads) and nothing when idle", () => {
    const ad = progressAt(
      playing({ kind: "ad", item: null, durationMs: null, progressMs: 5_000, readAt }),
      readAt + 1_000,
      0,
    );
    expect(ad).toMatchObject({ positionMs: 6_000, durationMs: null, fraction: null });
    expect(progressAt(idle(), readAt, 0)).toMatchObject({ positionMs: null, fraction: null, moving: false });
  });
});

describe("ClockOffset", () => {
  it("keeps the sample least delayed by the network", () => {
    const clock = new ClockOffset(3);
    expect(clock.current()).toBe(0);
    clock.add(10_000, 10_120); // 120 ms in flight
    clock.add(20_000, 20_030); // 30 ms: the best
    expect(clock.current()).toBe(-30);
    clock.add(30_000, 30_500);
    clock.add(40_000, 40_400);
    clock.add(50_000, 50_300); // the 30 ms sample has aged out
    expect(clock.current()).toBe(-300);
  });

  it("measures a skewed client clock", () => {
    const clock = new ClockOffset();
    clock.add(1_000_000, 1_000_000 - 60_000 + 40); // client 60 s behind, 40 ms latency
    expect(clock.current()).toBe(59_960);
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
