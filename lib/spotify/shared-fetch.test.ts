// Per-person request sharing: who shares what, and for how long (a clock the test moves).
import { describe, expect, it, vi } from "vitest";
import { createSharedFetch } from "./shared-fetch";

function setup(ttlMs = 1_000) {
  let now = 1_000_000;
  const shared = createSharedFetch({ ttlMs: () => ttlMs, now: () => now });
  return { shared, advance: (ms: number) => (now += ms) };
}

/** A load that resolves when told, counting its calls. */
function deferredLoad<T>(value: T) {
  let release: () => void = () => {};
  const load = vi.fn(
    () =>
      new Promise<T>((resolve) => {
        release = () => resolve(value);
      }),
  );
  return { load, release: () => release() };
}

describe("createSharedFetch", () => {
  it("gives concurrent callers for the same person and resource one load", async () => {
    const { shared } = setup();
    const { load, release } = deferredLoad("player");
    const both = Promise.all([shared("rory", "/p", load), shared("rory", "/p", load)]);
    release();
    expect(await both).toEqual(["player", "player"]);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it("serves the result for the time to live, then loads again", async () => {
    const { shared, advance } = setup(1_000);
    const load = vi.fn(async () => "v");
    await shared("rory", "/p", load);
    advance(999);
    await shared("rory", "/p", load);
    expect(load).toHaveBeenCalledTimes(1);
    advance(1);
    await shared("rory", "/p", load);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it("never serves one person's result to another, nor one resource's to another", async () => {
    const { shared } = setup();
    await shared("rory", "/p", async () => "rory's");
    expect(await shared("maya", "/p", async () => "maya's")).toBe("maya's");
    expect(await shared("rory", "/q", async () => "other")).toBe("other");
  });

  it("shares a failure with those waiting for it, but does not keep it", async () => {
    const { shared } = setup();
    let fail: (error: Error) => void = () => {};
    const failing = vi.fn(() => new Promise<string>((_, reject) => (fail = reject)));
    const waiting = Promise.allSettled([shared("rory", "/p", failing), shared("rory", "/p", failing)]);
    fail(new Error("upstream"));
    expect((await waiting).map((result) => result.status)).toEqual(["rejected", "rejected"]);
    expect(failing).toHaveBeenCalledTimes(1);
    expect(await shared("rory", "/p", async () => "recovered")).toBe("recovered");
  });

  it("loads every time when sharing is off (time to live 0)", async () => {
    const { shared } = setup(0);
    const load = vi.fn(async () => "v");
    await Promise.all([shared("rory", "/p", load), shared("rory", "/p", load)]);
    expect(load).toHaveBeenCalledTimes(2);
  });
});
