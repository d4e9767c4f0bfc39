// Shared set-up of the store's tests: the real emulator (the only test double) on a clock the test
// moves, the app's configuration pointed at it, and people signed in through its consent flow.
import type { RunningEmulator } from "@/emulator/server";
import { startEmulator } from "@/emulator/server";
import { control, signIn, START_MS, TEST_EMULATOR_OPTIONS } from "@/emulator/test-support";
import { recordSignIn } from "@/lib/auth/accounts";
import type { Database } from "@/lib/db/connection";

export type SimClock = { now: () => number; set(ms: number): void; advance(ms: number): void };

export function simClock(start = START_MS): SimClock {
  let current = start;
  return {
    now: () => current,
    set: (ms) => void (current = ms),
    advance: (ms) => void (current += ms),
  };
}

/** Starts the emulator on `clock` and points lib/config at it (read once, on first use). */
export async function startStoreEmulator(clock: SimClock, seed = 7): Promise<RunningEmulator> {
  const emu = await startEmulator({ ...TEST_EMULATOR_OPTIONS, seed, now: clock.now });
  process.env.SPOTIFY_ACCOUNTS_URL = emu.url;
  process.env.SPOTIFY_API_URL = emu.url;
  process.env.NEXTAUTH_SECRET ??= "store-tests-secret-0123456789abcdefghijkl";
  // These tests run simulated hours in real seconds: the app's budget counts real minutes and would
  // defer them. The budget has tests of its own (and the recorder's, on the simulated clock).
  process.env.SPOTIFY_BUDGET_PER_MINUTE ??= "100000";
  return emu;
}

/** Signs `listener` in through the emulator and records the sign-in as the app's jwt callback does. */
export async function signInListener(
  emu: RunningEmulator,
  db: Database,
  clock: SimClock,
  listener = "rory",
): Promise<{ userId: string; sessionSecret: string; accessToken: string; refreshToken: string }> {
  const tokens = await signIn(emu, { listener });
  const recorded = await recordSignIn(
    { spotifyId: listener, displayName: listener, imageUrl: null },
    {
      accessToken: tokens.access_token,
      refreshToken: tokens.refresh_token,
      expiresAt: clock.now() + tokens.expires_in * 1000,
      lifetimeMs: tokens.expires_in * 1000,
    },
    db,
    clock.now(),
  );
  return { ...recorded, accessToken: tokens.access_token, refreshToken: tokens.refresh_token };
}

export const emulatorCounters = async (emu: RunningEmulator) =>
  (await control(emu, "GET", "/counters")) as { refreshGrants: number; requests: Record<string, number> };
