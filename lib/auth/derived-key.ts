// Keys for one purpose each, derived (HKDF-SHA256) from NEXTAUTH_SECRET: the token seal and the
// history cursor's MAC never share a key. Derived once per secret and purpose, then kept.
import "server-only";
import { hkdfSync } from "node:crypto";

const keys = new Map<string, Buffer>();

/** `purpose` names the use and its version (e.g. "spotify-tokens v1"); changing it changes the key. */
export function derivedKey(secret: string, purpose: string): Buffer {
  const id = `${purpose}\u0000${secret}`;
  let key = keys.get(id);
  if (!key) {
    key = Buffer.from(hkdfSync("sha256", secret, "earshot", purpose, 32));
    keys.set(id, key);
  }
  return key;
}
