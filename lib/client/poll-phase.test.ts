import { describe, expect, it } from "vitest";
import { alignedDelay, nextPollDelay, POLL } from "./poll-schedule";
import { liveHistoryPhaseMs, pollPhaseMs } from "./poll-phase";
import { idle, playing } from "@/lib/listening/test-data";

const NOW = 1_000_000;
const base = { offsetMs: 0, error: null, failureStreak: 1 };

/** The instants (server clock) of a listener's next `count` idle polls, starting at `start`. */
function idlePolls(phaseMs: number, start: number, count: number): number[] {
  const times: number[] = [];
  let now = start;
  for (let i = 0; i < count; i++) {
    now += nextPollDelay({ ...base, player: idle(NOW), now, phaseMs }) as number;
    times.push(now);
  }
  return times;
}

describe("pollPhaseMs", () => {
  it("is stable, a whole number of seconds under the idle period", () => {
    const id = "0b5c3c1e-6f1e-4c43-9d7a-3f1f2f6a1b11";
    expect(pollPhaseMs(id)).toBe(pollPhaseMs(id));
    for (const person of ["a", "b", "c", id, ""]) {
      const phase = pollPhaseMs(person);
      expect(phase % 1_000).toBe(0);
      expect(phase).toBeGreaterThanOrEqual(0);
      expect(phase).toBeLessThan(POLL.idleMs);
    }
  });

  it("spreads people over the minute", () => {
    const phases = new Set(Array.from({ length: 200 }, (_, i) => pollPhaseMs(`person-${i}`)));
    // 200 people over 60 seconds: nearly every second is someone's.
    expect(phases.size).toBeGreaterThan(50);
  });
});

describe("idle and paused polls with a phase", () => {
  const alice = pollPhaseMs("person-alice");
  const bob = pollPhaseMs("person-bob");

  it("puts two people's idle polls on different seconds", () => {
    expect(alice).not.toBe(bob);
    const second = (t: number) => Math.floor(t / 1_000) % 60;
    const a = idlePolls(alice, NOW, 5).map(second);
    const b = idlePolls(bob, NOW, 5).map(second);
    for (const s of a) expect(b).not.toContain(s);
  });

  it("keeps one person's polls on a fixed grid, whenever a tab last polled", () => {
    const polls = idlePolls(alice, NOW, 5);
    for (const t of polls) expect((t - alice) % POLL.idleMs).toBe(0);
    // Tabs opened at different moments land on the same instants.
    const later = idlePolls(alice, NOW + 17_345, 1)[0];
    expect(polls).toContain(later);
    // Paused: the 30 s grid, shifted the same way.
    const paused = nextPollDelay({
      ...base,
      player: playing({ state: "paused", progressMs: 10_000, readAt: NOW }),
      now: NOW,
      phaseMs: alice,
    }) as number;
    expect((NOW + paused - alice) % POLL.pausedMs).toBe(0);
  });
});

describe("the history page's live checks with a phase", () => {
  /** The instant of a page's next check, opened (or last checked) at `now`. */
  const nextCheck = (phaseMs: number, now: number) => now + alignedDelay(POLL.liveHistoryMs, now - phaseMs);

  it("is stable and under the check period", () => {
    for (const person of ["a", "b", "0b5c3c1e-6f1e-4c43-9d7a-3f1f2f6a1b11", ""]) {
      const phase = liveHistoryPhaseMs(person);
      expect(liveHistoryPhaseMs(person)).toBe(phase);
      expect(phase).toBeGreaterThanOrEqual(0);
      expect(phase).toBeLessThan(POLL.liveHistoryMs);
    }
  });

  it("keeps 200 pages opened in the same second spread over the period", () => {
    // Every page opens within one second (a deploy reloads them all), and an answer takes up to
    // 2 s at the busiest moment: none of it may bunch the checks up.
    const checks = Array.from({ length: 200 }, (_, i) => {
      const phase = liveHistoryPhaseMs(`person-${i}`);
      let at = NOW + (i % 1_000);
      for (let round = 0; round < 10; round++) at = nextCheck(phase, at + ((i * 37) % 2_000));
      return at;
    });
    const perSecond = new Map<number, number>();
    for (const at of checks) {
      const second = Math.floor(at / 1_000) % (POLL.liveHistoryMs / 1_000);
      perSecond.set(second, (perSecond.get(second) ?? 0) + 1);
    }
    // 200 pages over 15 one-second slots: about 13 each, none near the 200 of a herd.
    expect(perSecond.size).toBe(15);
    expect(Math.max(...perSecond.values())).toBeLessThanOrEqual(25);
  });

  it("lands on one grid per person, whenever the page last checked", () => {
    const phase = liveHistoryPhaseMs("person-alice");
    const a = nextCheck(phase, NOW);
    const b = nextCheck(phase, NOW + 4_321);
    for (const at of [a, b]) expect((at - phase) % POLL.liveHistoryMs).toBe(0);
  });
});
