// Tests for the emulator clock: offsets from POST /__emulator/clock and the speed factor.

import { describe, expect, it } from "vitest";
import { Clock } from "./clock.ts";

/** A source the test moves by hand, standing in for Date.now. */
function manualSource(start = 1_000_000) {
  let t = start;
  return { now: () => t, tick: (ms: number) => (t += ms) };
}

describe("Clock", () => {
  it("follows its source at speed 1 and adds advances on top", () => {
    const src = manualSource();
    const clock = new Clock(src.now);
    expect(clock.now()).toBe(1_000_000);
    src.tick(500);
    clock.advance(10_000);
    expect(clock.now()).toBe(1_010_500);
    expect(clock.speed).toBe(1);
  });

  it("runs speed times faster: X ms of real time is X * speed ms of emulator time", () => {
    const src = manualSource();
    const clock = new Clock(src.now);
    clock.setSpeed(60);
    const before = clock.now();
    src.tick(1_000);
    expect(clock.now() - before).toBe(60_000);
    src.tick(2_500);
    expect(clock.now() - before).toBe(210_000);
  });

  it("never jumps when the speed changes, and advances still add exactly", () => {
    const src = manualSource();
    const clock = new Clock(src.now);
    clock.setSpeed(10);
    src.tick(1_000);
    const at = clock.now();
    expect(at).toBe(1_010_000);
    clock.setSpeed(1_000);
    expect(clock.now()).toBe(at);
    clock.advance(5);
    expect(clock.now()).toBe(at + 5);
    src.tick(3);
    expect(clock.now()).toBe(at + 5 + 3_000);
    clock.setSpeed(0.5);
    expect(clock.now()).toBe(at + 3_005);
    src.tick(10);
    expect(clock.now()).toBe(at + 3_010);
  });

  it("resets to real time at speed 1", () => {
    const src = manualSource();
    const clock = new Clock(src.now);
    clock.setSpeed(100);
    clock.advance(60_000);
    src.tick(100);
    clock.reset();
    expect(clock.speed).toBe(1);
    expect(clock.now()).toBe(1_000_100);
    src.tick(7);
    expect(clock.now()).toBe(1_000_107);
  });

  it("refuses a speed that is not a positive factor", () => {
    const clock = new Clock(manualSource().now);
    for (const bad of [0, -2, Number.NaN, Number.POSITIVE_INFINITY, 1e9]) {
      expect(() => clock.setSpeed(bad)).toThrow(RangeError);
    }
    expect(clock.speed).toBe(1);
  });
});
