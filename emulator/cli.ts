// Standalone entry (`npm run emulator`): starts the emulator and keeps it running until SIGINT/SIGTERM.

import { writeControlToken } from "./control-token-file.ts";
import { startEmulator } from "./server.ts";

function portFromArgs(argv: readonly string[]): number {
  const flag = argv.indexOf("--port");
  const text = flag >= 0 ? argv[flag + 1] : process.env.EMULATOR_PORT;
  if (text === undefined || text === "") return 4555;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`Invalid port: ${text}`);
    process.exit(2);
  }
  return port;
}

const seedText = process.env.EMULATOR_SEED;
// Extra load-test listeners (crowd-001…), for bench:scale.
const crowd = Number(process.env.EMULATOR_CROWD || 0);
// The demo client registers the callback of the app at NEXTAUTH_URL (default http://127.0.0.1:3000).
const appUrl = process.env.NEXTAUTH_URL?.replace(/\/+$/, "");
const emulator = await startEmulator({
  port: portFromArgs(process.argv.slice(2)),
  ...(seedText ? { seed: Number(seedText) } : {}),
  ...(Number.isInteger(crowd) && crowd > 0 ? { crowd } : {}),
  ...(appUrl ? { redirectUris: [`${appUrl}/api/auth/callback/spotify`] } : {}),
});
console.log(`Spotify emulator listening on ${emulator.url}`);
console.log(
  `Control API token (header x-emulator-token) written to ${writeControlToken(emulator.controlToken)}`,
);

let closing = false;
const shutdown = () => {
  if (closing) return;
  closing = true;
  emulator.close().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
};
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
