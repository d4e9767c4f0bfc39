// Demo mode's session secret when NEXTAUTH_SECRET is unset: random, made once and kept in the data
// folder (readable by its owner only), so that sessions and the tokens sealed in the embedded
// database survive a restart. Never derived from anything guessable.
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export function demoSecret(dataDir: string): string {
  // A throwaway database (tests) keeps nothing, so neither does its secret.
  if (dataDir.startsWith("memory://")) return randomBytes(32).toString("base64url");
  const path = join(dataDir, "demo-secret");
  try {
    const existing = readFileSync(path, "utf8").trim();
    if (existing.length >= 32) return existing;
  } catch {
    // none yet
  }
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(path, secret, { mode: 0o600 });
  return secret;
}
