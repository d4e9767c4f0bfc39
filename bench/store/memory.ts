// `npm run bench:memory`: resident memory of the whole app (the launcher, which holds the embedded
// database, plus Next.js and the recorder) with 1,000,000 plays stored, after a signed-in person
// opens the settings page (which counts their plays). Reported beside the same app with an empty
// store. Builds first; listens on 127.0.0.1 only.
import { execSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "pg";
import { startEmbeddedDatabase } from "@/lib/db/embedded";
import { migrateDatabase } from "@/lib/db/migrate";
import { startApp } from "../lib/app-server";
import { processTree, rssMiB } from "../lib/process-memory";
import { signInCookie } from "../lib/sign-in";

const PLAYS = 1_000_000;
const ports = { port: 3160, emulatorPort: 4660 };

/** Sum of RSS (MiB) of `pid` and all its descendants. */
function treeRssMiB(pid: number): number {
  return Math.round(processTree(pid).reduce((total, child) => total + rssMiB(child), 0));
}

async function seed(dataDir: string, plays: number) {
  const server = await startEmbeddedDatabase({ dataDir, port: 0 });
  await migrateDatabase(server.url);
  const client = new Client({ connectionString: server.url });
  await client.connect();
  if (plays > 0) {
    // The demo listener "rory" as signed in through the demo client; her sign-in later reuses this row.
    const { rows } = await client.query(
      "insert into users (client_id, spotify_id, display_name) values ('earshot-demo', 'rory', 'Rory') returning id",
    );
    const userId = rows[0].id as string;
    await client.query(
      "insert into artists select 'spotify:artist:m' || g, 'Artist ' || g from generate_series(1, 2000) g",
    );
    await client.query(
      "insert into tracks (id, title, duration_ms) select 'spotify:track:m' || g, 'Track ' || g, 180000 + g from generate_series(1, 20000) g",
    );
    await client.query(
      "insert into track_artists select 'spotify:track:m' || g, 0, 'spotify:artist:m' || (g % 2000 + 1) from generate_series(1, 20000) g",
    );
    // Ten years of plays, every ~5 minutes.
    for (let start = 0; start < plays; start += 100_000) {
      await client.query(
        `insert into plays (user_id, played_at, track_id)
         select $1, timestamptz '2016-01-01' + g * interval '315 seconds', 'spotify:track:m' || (g::bigint * 7919 % 20000 + 1)
         from generate_series($2::int, $3::int) g`,
        [userId, start, Math.min(plays, start + 100_000) - 1],
      );
    }
  }
  await client.end();
  await server.close();
}

async function measure(plays: number) {
  const dataDir = mkdtempSync(join(tmpdir(), "earshot-memory-"));
  try {
    const seeded = performance.now();
    await seed(dataDir, plays);
    const seedSeconds = (performance.now() - seeded) / 1000;
    const app = await startApp({ ...ports, env: { EARSHOT_DATA_DIR: dataDir, EMBEDDED_DB_PORT: "0" } });
    try {
      const cookie = await signInCookie(app.appUrl);
      let stored = 0;
      for (let i = 0; i < 5; i++) {
        const response = await fetch(`${app.appUrl}/api/account`, {
          headers: { cookie, origin: app.appUrl },
        });
        stored = ((await response.json()) as { plays: number }).plays;
        await fetch(`${app.appUrl}/settings`, { headers: { cookie } });
      }
      return { plays: stored, rssMiB: treeRssMiB(app.pid), seedSeconds: Math.round(seedSeconds) };
    } finally {
      await app.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

execSync("npm run build", { stdio: "ignore" });
const empty = await measure(0);
const full = await measure(PLAYS);
console.log(JSON.stringify({ emptyStore: empty, millionPlays: full }, null, 2));
process.exit(0);
