import { describe, expect, it } from "vitest";
import { ClockOffset, progressAt } from "./playback";
import { idle, playing } from "./test-data";

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
