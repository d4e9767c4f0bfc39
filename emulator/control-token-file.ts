// Where a started emulator's control token is written for the tests and benchmarks that drive it from
// another process: EMULATOR_TOKEN_FILE, or `.emulator-token` in the working folder (git-ignored). A
// file rather than the data folder because the data folder may be `memory://…`.

import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";

export function controlTokenFile(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.EMULATOR_TOKEN_FILE || ".emulator-token");
}

/** Written readable by its owner only: the token lets anyone on this machine drive the emulator. */
export function writeControlToken(token: string, file = controlTokenFile()): string {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  chmodSync(file, 0o600); // `mode` applies only to a new file
  return file;
}

export function readControlToken(file = controlTokenFile()): string {
  try {
    return readFileSync(file, "utf8").trim();
  } catch (error) {
    throw new Error(
      `cannot read the emulator's control token from ${file} (is the emulator started, with the same ` +
        `EMULATOR_TOKEN_FILE?): ${(error as Error).message}`,
    );
  }
}
