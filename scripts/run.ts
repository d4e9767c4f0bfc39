// `npm run dev` and `npm start`: runs Next.js on 127.0.0.1 and, in demo mode (no SPOTIFY_CLIENT_ID),
// the built-in Spotify emulator beside it, with the app pointed at the emulator. One Ctrl-C stops both.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createRequire } from "node:module";
import nextEnv from "@next/env";
import { startEmulator } from "../emulator/server";
import { ConfigError, DEFAULT_EMULATOR_PORT, parseConfig } from "../lib/config/env";

const mode = process.argv[2];
if (mode !== "dev" && mode !== "start") {
  console.error("usage: tsx scripts/run.ts dev|start");
  process.exit(2);
}

nextEnv.loadEnvConfig(process.cwd(), mode === "dev");
const port = Number(process.env.PORT || 3000);
// Spotify refuses `localhost` redirect URIs, so the app lives on the loopback literal.
process.env.NEXTAUTH_URL ||= `http://127.0.0.1:${port}`;

let config;
try {
  config = parseConfig(process.env);
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}

let emulator: Awaited<ReturnType<typeof startEmulator>> | undefined;
if (config.mode === "demo") {
  // A fresh session secret for this run when none is set: the derived fallback in lib/config is
  // only for running `next` directly, and is guessable from the machine's name and folder.
  process.env.NEXTAUTH_SECRET ||= randomBytes(32).toString("base64url");
  emulator = await startEmulator({ port: Number(process.env.EMULATOR_PORT || DEFAULT_EMULATOR_PORT) });
  process.env.SPOTIFY_ACCOUNTS_URL = emulator.url;
  process.env.SPOTIFY_API_URL = emulator.url;
  process.env.EMULATOR_PORT = String(emulator.port);
  console.log(
    `Demo mode: no SPOTIFY_CLIENT_ID set, so Earshot talks to the built-in Spotify emulator at ${emulator.url}`,
  );
}

const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
const next = spawn(process.execPath, [nextBin, mode, "--hostname", "127.0.0.1", "--port", String(port)], {
  stdio: "inherit",
  env: process.env,
});

let stopping = false;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  if (next.exitCode === null) next.kill("SIGTERM");
  await emulator?.close();
  process.exit(code);
}

// Ended by a signal we did not send (a crash, the OOM killer): say so with a failing exit code.
next.on(
  "exit",
  (code, signal) => void stop(stopping || signal === "SIGINT" || signal === "SIGTERM" ? 0 : (code ?? 1)),
);
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void stop(0));
