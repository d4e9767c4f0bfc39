// The emulator clock: real time (or an injected source), pushed forward by tests and optionally sped up.

/** Above this a single real millisecond skips whole tracks; nothing a test needs goes that fast. */
export const MAX_CLOCK_SPEED = 100_000;

export class Clock {
  /** Emulator time at `anchorSource`; from there it runs at `speed` emulator ms per source ms. */
  private anchorValue: number;
  private anchorSource: number;
  private speedFactor = 1;

  constructor(private readonly source: () => number = Date.now) {
    this.anchorSource = source();
    this.anchorValue = this.anchorSource;
  }

  now(): number {
    // Whole milliseconds, as Spotify's timestamps are; floor keeps it monotonic under fractional speeds.
    return Math.floor(this.anchorValue + (this.source() - this.anchorSource) * this.speedFactor);
  }

  get speed(): number {
    return this.speedFactor;
  }

  advance(ms: number): void {
    this.anchorValue += ms;
  }

  /** Re-anchors at the current time first, so changing the speed never makes time jump. */
  setSpeed(speed: number): void {
    if (!(speed > 0 && speed <= MAX_CLOCK_SPEED)) throw new RangeError(`clock speed out of range: ${speed}`);
    this.anchorValue = this.now();
    this.anchorSource = this.source();
    this.speedFactor = speed;
  }

  /** Back to real time at normal speed. */
  reset(): void {
    this.anchorSource = this.source();
    this.anchorValue = this.anchorSource;
    this.speedFactor = 1;
  }
}
