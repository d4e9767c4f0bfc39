// A person's share links: one secret in both URLs (/share/<secret>/overlay and /share/<secret>/card.svg).
// The secret is 256 random bits; the table keeps its SHA-256 for the lookup (so a copy of the database
// opens no link) and a sealed copy for the owner's Settings. A lookup compares the hashes in constant
// time, and an unknown, malformed, disabled or replaced secret is the same "no such link".
import "server-only";
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { openToken, sealToken } from "@/lib/auth/token-crypto";
import { getConfig } from "@/lib/config";
import { type Database, getDb } from "@/lib/db/connection";
import { shareLinks } from "@/lib/db/schema";
import { DEFAULT_SHARE_OPTIONS, readShareOptions, type ShareOptions } from "./share-options";

/** 32 bytes in base64url: what every link carries, and all a request can be checked against. */
const SECRET_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export type ShareSettings = {
  enabled: boolean;
  options: ShareOptions;
  /** Null until sharing was first turned on (no links exist yet). */
  secret: string | null;
};

export type SharedListener = { userId: string; options: ShareOptions };

const hashSecret = (secret: string) => createHash("sha256").update(secret).digest("hex");
const newSecret = () => randomBytes(32).toString("base64url");

export async function readShareSettings(userId: string, db: Database = getDb()): Promise<ShareSettings> {
  const [row] = await db.select().from(shareLinks).where(eq(shareLinks.userId, userId)).limit(1);
  if (!row) return { enabled: false, options: DEFAULT_SHARE_OPTIONS, secret: null };
  return {
    enabled: row.enabled,
    options: readShareOptions(row.options),
    secret: openToken(row.sealedSecret, userId, getConfig().auth.secret),
  };
}

/**
 * Turns sharing on or off and sets what shows. The first time it is turned on, the links are made;
 * turning it off keeps them (turning it on again brings the same links back), but no request is
 * answered meanwhile.
 */
export async function saveShareSettings(
  userId: string,
  { enabled, options }: { enabled: boolean; options: ShareOptions },
  db: Database = getDb(),
): Promise<ShareSettings> {
  const secret = newSecret();
  await db
    .insert(shareLinks)
    .values({ userId, enabled, options, ...sealed(userId, secret) })
    .onConflictDoUpdate({
      target: shareLinks.userId,
      set: { enabled, options, updatedAt: sql`now()` },
    });
  return readShareSettings(userId, db);
}

/** "Reset links": a new secret at once; the old links answer 404 from now on. */
export async function resetShareLinks(userId: string, db: Database = getDb()): Promise<ShareSettings> {
  const secret = newSecret();
  await db
    .insert(shareLinks)
    .values({ userId, enabled: false, options: DEFAULT_SHARE_OPTIONS, ...sealed(userId, secret) })
    .onConflictDoUpdate({
      target: shareLinks.userId,
      set: { ...sealed(userId, secret), updatedAt: sql`now()` },
    });
  return readShareSettings(userId, db);
}

/** Whose link this is, and what it shows; null for anything that is not a live link. */
export async function findSharedListener(
  secret: string,
  db: Database = getDb(),
): Promise<SharedListener | null> {
  if (!SECRET_PATTERN.test(secret)) return null;
  const hash = hashSecret(secret);
  const [row] = await db
    .select({
      userId: shareLinks.userId,
      secretHash: shareLinks.secretHash,
      enabled: shareLinks.enabled,
      options: shareLinks.options,
    })
    .from(shareLinks)
    .where(eq(shareLinks.secretHash, hash))
    .limit(1);
  // The index found the row by equality; comparing again in constant time keeps the answer's timing
  // independent of how much of a guessed hash matched, whatever the database's comparison does.
  if (!row || !timingSafeEqual(Buffer.from(row.secretHash), Buffer.from(hash)) || !row.enabled) return null;
  return { userId: row.userId, options: readShareOptions(row.options) };
}

function sealed(userId: string, secret: string) {
  return { secretHash: hashSecret(secret), sealedSecret: sealToken(secret, userId, getConfig().auth.secret) };
}
