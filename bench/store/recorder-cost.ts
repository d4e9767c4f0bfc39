// `npm run bench:recorder`: what the recorder costs in Spotify calls. Four demo listeners (a steady
// one, a shuffler, a free-tier one with ads, a fast skipper), the emulator's clock moved by the
// benchmark, an embedded database in memory. Two phases:
// - nobody watching: 24 simulated hours of the recorder alone (goal: at most 3 Web API calls per
//   person-hour);
// - a dashboard open: 6 simulated hours in which an open dashboard fetches recent plays at every
//   track change (as the real one does, and writes them through); what the recorder adds on top.
import { startEmulator } from "../../emulator/server";
import { control, signIn, START_MS, TEST_EMULATOR_OPTIONS } from "../../emulator/test-support";
import { recordSignIn } from "@/lib/auth/accounts";
import { spotifyAccessFor } from "@/lib/auth/spotify-access";
import { createDatabase } from "@/lib/db/connection";
import { startEmbeddedDatabase } from "@/lib/db/embedded";
import { migrateDatabase } from "@/lib/db/migrate";
import { Recorder } from "@/lib/history/recorder";
import { writeThrough } from "@/lib/history/write-through";
import { createSpotifyClient } from "@/lib/spotify/client";
import { recentlyPlayedSchema } from "@/lib/spotify/schemas";

const HOUR = 3_600_000;
const TICK = 60_000;
const LISTENERS = ["rory", "maya", "sam", "flick"];
let now = START_MS;
const clock = () => now;

const emu = await startEmulator({ ...TEST_EMULATOR_OPTIONS, seed: 20261128, now: clock });
process.env.SPOTIFY_ACCOUNTS_URL = emu.url;
process.env.SPOTIFY_API_URL = emu.url;
process.env.NEXTAUTH_SECRET ??= "bench-secret-0123456789abcdefghijklmnopqrstuv";
const server = await startEmbeddedDatabase({ dataDir: "memory://bench", port: 0 });
await migrateDatabase(server.url);
const { db, pool } = createDatabase(server.url);

type Counters = { requests: Record<string, number>; refreshGrants: number; requestsByListener?: unknown };
const counters = () => control(emu, "GET", "/counters") as Promise<Counters>;
const recentCalls = (c: Counters) => c.requests["GET /v1/me/player/recently-played"] ?? 0;

const people: { listener: string; userId: string }[] = [];
for (const listener of LISTENERS) {
  const tokens = await signIn(emu, { listener });
  const { userId } = await recordSignIn(
    { spotifyId: listener, displayName: listener, imageUrl: null },
    {
      accessToken: tokens.access_token,
      refreshToken: tokens.refresh_token,
      expiresAt: now + tokens.expires_in * 1000,
      lifetimeMs: tokens.expires_in * 1000,
    },
    db,
    now,
  );
  people.push({ listener, userId });
}
const recorder = new Recorder({ db, now: clock, batchSize: 10 });

// Phase 1: nobody watching.
await control(emu, "POST", "/counters/reset");
const end1 = now + 24 * HOUR;
while (now < end1) {
  now += TICK;
  await recorder.runOnce();
}
const idle = await counters();
const idlePerHour = recentCalls(idle) / (24 * LISTENERS.length);
const idleRefreshPerHour = idle.refreshGrants / (24 * LISTENERS.length);
const plays = await pool.query("select count(*)::int as n from plays");
const gaps = await pool.query("select count(*)::int as n from coverage_gaps");

// Phase 2: a dashboard open for each person, fetching recent plays when the track changes.
await control(emu, "POST", "/counters/reset");
const lastSeen = new Map<string, number>();
let dashboardCalls = 0;
let recorderCalls = 0;
const end2 = now + 6 * HOUR;
while (now < end2) {
  now += 15_000; // the dashboard's poll granularity
  for (const person of people) {
    const history = (await control(
      emu,
      "GET",
      `/listeners/${person.listener}/history?since=${now - 60_000}`,
    )) as { playedAt: number }[];
    const newest = history.at(-1)?.playedAt ?? 0;
    if (newest > (lastSeen.get(person.userId) ?? 0)) {
      lastSeen.set(person.userId, newest);
      const access = await spotifyAccessFor(person.userId, { db, now: clock });
      const page = await createSpotifyClient(access).get(
        "/v1/me/player/recently-played?limit=20",
        recentlyPlayedSchema,
      );
      dashboardCalls++;
      if (page) await writeThrough(db, person.userId, page, { limit: 20 }, now);
    }
  }
  if (now % TICK < 15_000) recorderCalls += (await recorder.runOnce()).length;
}
const watched = await counters();

console.log(
  JSON.stringify(
    {
      people: LISTENERS.length,
      nobodyWatching: {
        simulatedHours: 24,
        webApiCallsPerPersonHour: Number(idlePerHour.toFixed(2)),
        tokenRefreshesPerPersonHour: Number(idleRefreshPerHour.toFixed(2)),
        playsStored: plays.rows[0].n,
        gapsRecorded: gaps.rows[0].n,
      },
      dashboardOpen: {
        simulatedHours: 6,
        dashboardRecentlyPlayedCallsPerPersonHour: Number(
          (dashboardCalls / (6 * LISTENERS.length)).toFixed(2),
        ),
        recorderSyncsPerPersonHour: Number((recorderCalls / (6 * LISTENERS.length)).toFixed(2)),
        totalRecentlyPlayedCalls: recentCalls(watched),
      },
    },
    null,
    2,
  ),
);
await pool.end();
await server.close();
await emu.close();
