// The launcher's refusals: each bad store stops the start with one clear line and exit code 1,
// before anything serves.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

function launch(env: Record<string, string>) {
  const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/run.ts", "start"], {
    env: {
      ...process.env,
      // Real-mode settings, so that no emulator starts; nothing here reaches Spotify.
      SPOTIFY_CLIENT_ID: "client",
      SPOTIFY_CLIENT_SECRET: "secret",
      NEXTAUTH_SECRET: "x".repeat(40),
      PORT: "3190",
      ...env,
    },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { status: result.status, stderr: result.stderr.trim() };
}

describe("the launcher", () => {
  it("stops with one line when DATABASE_URL cannot be reached", () => {
    const { status, stderr } = launch({ DATABASE_URL: "postgres://earshot:pw@127.0.0.1:1/earshot" });
    expect(status).toBe(1);
    expect(stderr.split("\n")).toHaveLength(1);
    expect(stderr).toMatch(
      /^Earshot cannot start: Cannot reach the database at postgres:\/\/earshot:\*\*\*@127\.0\.0\.1:1\/earshot .*Check DATABASE_URL/,
    );
  });

  it("stops with one line when the embedded database's folder is in use", () => {
    const dataDir = mkdtempSync(join(tmpdir(), "earshot-locked-"));
    // A live process holds the lock: this one.
    writeFileSync(join(dataDir, "earshot.lock"), String(process.pid));
    const { status, stderr } = launch({ DATABASE_URL: "", EARSHOT_DATA_DIR: dataDir, EMBEDDED_DB_PORT: "0" });
    expect(status).toBe(1);
    expect(stderr).toBe(
      `Earshot cannot start: The embedded database in ${dataDir} is in use by another Earshot (pid ${process.pid}). ` +
        "Stop that one first, or give this one its own EARSHOT_DATA_DIR.",
    );
  });

  it("stops with one line when the embedded database's folder is corrupt", () => {
    const dataDir = mkdtempSync(join(tmpdir(), "earshot-corrupt-"));
    mkdirSync(join(dataDir, "pglite", "global"), { recursive: true });
    writeFileSync(join(dataDir, "pglite", "PG_VERSION"), "17\n");
    writeFileSync(join(dataDir, "pglite", "global", "pg_control"), "not a control file");
    const { status, stderr } = launch({ DATABASE_URL: "", EARSHOT_DATA_DIR: dataDir, EMBEDDED_DB_PORT: "0" });
    expect(status).toBe(1);
    const last = stderr.split("\n").at(-1)!;
    expect(last).toMatch(
      /^Earshot cannot start: The embedded database in .* could not be opened .*It may be corrupt/,
    );
  }, 90_000);
});
