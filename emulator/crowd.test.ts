// Load-test listeners: a crowd beside the demo listeners, each signing in and listening on its own.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "./server";
import { signIn, TEST_EMULATOR_OPTIONS } from "./test-support";

describe("crowd listeners", () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await startEmulator({ ...TEST_EMULATOR_OPTIONS, crowd: 3 });
  });
  afterAll(() => emu.close());

  it("sign in like any demo listener and have plays of their own", async () => {
    const histories = [];
    for (const listener of ["crowd-001", "crowd-003"]) {
      const { access_token } = await signIn(emu, { listener });
      const response = await fetch(`${emu.url}/v1/me/player/recently-played?limit=5`, {
        headers: { authorization: `Bearer ${access_token}` },
      });
      expect(response.status).toBe(200);
      const page = (await response.json()) as { items: { played_at: string }[] };
      expect(page.items).toHaveLength(5);
      histories.push(page.items.map((item) => item.played_at).join());
    }
    expect(histories[0]).not.toBe(histories[1]);
    const unknown = await fetch(`${emu.url}/v1/me`, { headers: { authorization: "Bearer nope" } });
    expect(unknown.status).toBe(401);
  });
});
