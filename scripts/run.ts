// `npm run dev` and `npm start`: the whole of Earshot in one command. Beside Next.js (on 127.0.0.1)
// it runs, when they are not configured elsewhere:
// - the Spotify emulator (demo mode: no SPOTIFY_CLIENT_ID), with the app pointed at it;
// - the embedded database (no DATABASE_URL): PGlite served on 127.0.0.1, owned by this process
//   alone because PGlite must never be opened by two processes (see lib/db/embedded.ts);
// - the recorder (`scripts/worker.ts`; EARSHOT_RECORDER=off to leave it out).
// Migrations run before anything serves. One Ctrl-C stops everything.
import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import nextEnv from "@next/env";
import { writeControlToken } from "../emulator/control-token-file";
import { startEmulator } from "../emulator/server";
import { demoSecret } from "../lib/config/demo-secret";
import { ConfigError, DEFAULT_EMULATOR_PORT, parseConfig } from "../lib/config/env";
import { EmbeddedDatabaseError, startEmbeddedDatabase, type EmbeddedDatabase } from "../lib/db/embedded";
import { MigrationError, migrateDatabase } from "../lib/db/migrate";
import { analyzeDatabase } from "../lib/db/planner-stats";

const mode = process.argv[2];
if (mode !== "dev" && mode !== "start") {
  console.error("usage: tsx scripts/run.ts dev|start");
  process.exit(2);
}

nextEnv.loadEnvConfig(process.cwd(), mode === "dev");
const port = Number(process.env.PORT || 3000);
// Spotify refuses `localhost` redirect URIs, so the app lives on the loopback literal.
process.env.NEXTAUTH_URL ||= `http://127.0.0.1:${port}`;

function fail(error: unknown): never {
  const known =
    error instanceof ConfigError || error instanceof EmbeddedDatabaseError || error instanceof MigrationError;
  console.error(known ? `Earshot cannot start: ${(error as Error).message}` : error);
  process.exit(1);
}

let config;
try {
  config = parseConfig(process.env);
} catch (error) {
  fail(error);
}

let emulator: Awaited<ReturnType<typeof startEmulator>> | undefined;
let database: EmbeddedDatabase | undefined;
const children: ChildProcess[] = [];

if (config.mode === "demo") {
  // Kept in the data folder so that sessions and sealed tokens survive a restart (random, made once).
  process.env.NEXTAUTH_SECRET ||= demoSecret(config.store.dataDir);
  emulator = await startEmulator({
    port: Number(process.env.EMULATOR_PORT || DEFAULT_EMULATOR_PORT),
    // The demo client registers this app's callback, as one would on Spotify's dashboard.
    redirectUris: [`${config.auth.url}/api/auth/callback/spotify`],
  });
  process.env.SPOTIFY_ACCOUNTS_URL = emulator.url;
  process.env.SPOTIFY_API_URL = emulator.url;
  process.env.EMULATOR_PORT = String(emulator.port);
  console.log(
    `Demo mode: no SPOTIFY_CLIENT_ID set, so Earshot talks to the built-in Spotify emulator at ${emulator.url}`,
  );
  // Tests and benchmarks drive the emulator's control API from other processes: they read it there.
  console.log(
    `Emulator control token (header x-emulator-token) written to ${writeControlToken(emulator.controlToken)}`,
  );
}

try {
  if (!config.store.databaseUrl) {
    const started = performance.now();
    database = await startEmbeddedDatabase({
      dataDir: config.store.dataDir,
      port: config.store.embeddedPort,
    });
    process.env.DATABASE_URL = database.url;
    console.log(
      `Embedded database: ${config.store.dataDir}/ on 127.0.0.1:${database.port} (${Math.round(performance.now() - started)} ms); set DATABASE_URL to use PostgreSQL`,
    );
  }
  await migrateDatabase(process.env.DATABASE_URL!);
} catch (error) {
  await emulator?.close();
  await database?.close();
  fail(error);
}

const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
const next = spawn(process.execPath, [nextBin, mode, "--hostname", "127.0.0.1", "--port", String(port)], {
  stdio: "inherit",
  env: process.env,
});
children.push(next);

// PGlite never analyzes by itself (no autovacuum): fresh planner statistics at every start. Not on
// the way to serving (seconds with a million plays), and a failure costs only speed, never the start.
if (database) {
  analyzeDatabase(process.env.DATABASE_URL!).catch((error: unknown) =>
    console.error(`Embedded database: could not refresh planner statistics (${(error as Error).message})`),
  );
}

if (process.env.EARSHOT_RECORDER !== "off") {
  const worker = spawn(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "scripts/worker.ts"],
    {
      stdio: "inherit",
      env: { ...process.env, NODE_ENV: mode === "dev" ? "development" : "production" },
    },
  );
  children.push(worker);
  worker.on("exit", (code, signal) => {
    if (!stopping) console.error(`[recorder] stopped (${signal ?? code}); the app goes on without it`);
  });
}

let stopping = false;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once("exit", () => resolve());
          child.kill("SIGTERM");
          setTimeout(() => child.kill("SIGKILL"), 5_000).unref();
        }),
    ),
  );
  await emulator?.close();
  // Last: everything that talked to the database has stopped.
  await database?.close().catch((error: unknown) => console.error("Closing the embedded database:", error));
  process.exit(code);
}

// Ended by a signal we did not send (a crash, the OOM killer): say so with a failing exit code.
next.on(
  "exit",
  (code, signal) => void stop(stopping || signal === "SIGINT" || signal === "SIGTERM" ? 0 : (code ?? 1)),
);
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void stop(0));
