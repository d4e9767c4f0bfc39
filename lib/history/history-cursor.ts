// The history API's keyset cursor: a position in one person's plays, newest first, as
// (`played_at`, id). Opaque to the browser and signed (HMAC-SHA256, key derived from
// NEXTAUTH_SECRET) together with the owner's id, so a cursor cannot be forged, edited, or replayed by
// another person: any of those is a 400, never someone else's rows.
import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { derivedKey } from "@/lib/auth/derived-key";

/** `playedAt`: the instant as PostgreSQL wrote it (ISO 8601 with microseconds), so no row is skipped. */
export type HistoryPosition = { playedAt: string; id: string };

const VERSION = "h1";
const MAC_BYTES = 16;

const positionSchema = z.object({
  t: z.iso.datetime({ precision: 6 }),
  i: z.string().regex(/^\d{1,19}$/),
});

const keyFor = (secret: string) => derivedKey(secret, "history-cursor v1");

function mac(body: string, userId: string, secret: string): Buffer {
  return createHmac("sha256", keyFor(secret))
    .update(`${VERSION}\n${userId}\n${body}`)
    .digest()
    .subarray(0, MAC_BYTES);
}

export function encodeCursor(position: HistoryPosition, userId: string, secret: string): string {
  const body = Buffer.from(JSON.stringify({ t: position.playedAt, i: position.id })).toString("base64url");
  return `${VERSION}.${body}.${mac(body, userId, secret).toString("base64url")}`;
}

/** The position, or null when the cursor is malformed, tampered with or another person's. */
export function decodeCursor(cursor: string, userId: string, secret: string): HistoryPosition | null {
  const [version, body, tag, ...rest] = cursor.split(".");
  if (version !== VERSION || !body || !tag || rest.length > 0) return null;
  const given = Buffer.from(tag, "base64url");
  const expected = mac(body, userId, secret);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  const position = positionSchema.safeParse(parsed);
  return position.success ? { playedAt: position.data.t, id: position.data.i } : null;
}
