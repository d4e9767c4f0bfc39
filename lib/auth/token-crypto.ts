// Seals Spotify's tokens before they reach a column: AES-256-GCM with a key derived (HKDF-SHA256)
// from NEXTAUTH_SECRET, and the owner's user id as associated data, so that a sealed token copied
// onto another person's row does not open. Format: `v1.<iv>.<ciphertext>.<tag>` (base64url).
import "server-only";
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { derivedKey } from "./derived-key";

const VERSION = "v1";
const keyFor = (secret: string) => derivedKey(secret, "spotify-tokens v1");

export function sealToken(plain: string, userId: string, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyFor(secret), iv);
  cipher.setAAD(Buffer.from(userId));
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [VERSION, iv, body, cipher.getAuthTag()]
    .map((part) => (typeof part === "string" ? part : part.toString("base64url")))
    .join(".");
}

/** The token, or null when it cannot be opened (another secret, another row, tampering). */
export function openToken(sealed: string, userId: string, secret: string): string | null {
  const [version, iv, body, tag] = sealed.split(".");
  if (version !== VERSION || !iv || !body || !tag) return null;
  try {
    const authTag = Buffer.from(tag, "base64url");
    // A full 16-byte tag only: GCM would accept a truncated one, which is far easier to forge.
    if (authTag.length !== 16) return null;
    const decipher = createDecipheriv("aes-256-gcm", keyFor(secret), Buffer.from(iv, "base64url"), {
      authTagLength: 16,
    });
    decipher.setAAD(Buffer.from(userId));
    decipher.setAuthTag(authTag);
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString(
      "utf8",
    );
  } catch {
    return null;
  }
}
