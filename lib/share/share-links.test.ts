// Share links on both stores: made on first use, found by their secret only while on, replaced by a
// reset, never found by a malformed, guessed or old secret, and gone with their owner.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { STORE_KINDS } from "@/lib/db/test-databases";
import { shareLinks, users } from "@/lib/db/schema";
import { storeForTests } from "@/lib/testing/store-for-tests";
import { DEFAULT_SHARE_OPTIONS } from "./share-options";
import { findSharedListener, readShareSettings, resetShareLinks, saveShareSettings } from "./share-links";

describe.each(STORE_KINDS)("share links (%s)", (kind) => {
  const store = storeForTests(kind);
  const addUser = async (spotifyId: string) => {
    const [row] = await store()
      .db.insert(users)
      .values({ clientId: "test-client", spotifyId })
      .returning({ id: users.id });
    return row!.id;
  };
  const on = { enabled: true, options: DEFAULT_SHARE_OPTIONS };

  it("has no links until sharing is first turned on, then one secret of 256 bits", async () => {
    const maya = await addUser("maya");
    expect(await readShareSettings(maya, store().db)).toEqual({
      enabled: false,
      options: DEFAULT_SHARE_OPTIONS,
      secret: null,
    });
    const saved = await saveShareSettings(maya, on, store().db);
    expect(saved.enabled).toBe(true);
    expect(saved.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await findSharedListener(saved.secret!, store().db)).toEqual({
      userId: maya,
      options: DEFAULT_SHARE_OPTIONS,
    });
  });

  it("keeps only the secret's hash and a sealed copy, never the secret itself", async () => {
    const maya = await addUser("maya");
    const { secret } = await saveShareSettings(maya, on, store().db);
    const [row] = await store().db.select().from(shareLinks).where(eq(shareLinks.userId, maya));
    expect(row!.secretHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(secret!);
  });

  it("answers nothing while off, and the same links again when turned back on", async () => {
    const maya = await addUser("maya");
    const { secret } = await saveShareSettings(maya, on, store().db);
    await saveShareSettings(maya, { ...on, enabled: false }, store().db);
    expect(await findSharedListener(secret!, store().db)).toBeNull();
    const again = await saveShareSettings(maya, on, store().db);
    expect(again.secret).toBe(secret);
    expect(await findSharedListener(secret!, store().db)).not.toBeNull();
  });

  it("saves the options, which the link then carries", async () => {
    const maya = await addUser("maya");
    const options = {
      ...DEFAULT_SHARE_OPTIONS,
      device: true,
      theme: "dark" as const,
      size: "large" as const,
    };
    const { secret } = await saveShareSettings(maya, { enabled: true, options }, store().db);
    expect((await findSharedListener(secret!, store().db))?.options).toEqual(options);
  });

  it("resets to a new secret at once: the old one is dead, the new one lives", async () => {
    const maya = await addUser("maya");
    const { secret: old } = await saveShareSettings(maya, on, store().db);
    const { secret: fresh, enabled } = await resetShareLinks(maya, store().db);
    expect(enabled).toBe(true);
    expect(fresh).not.toBe(old);
    expect(await findSharedListener(old!, store().db)).toBeNull();
    expect((await findSharedListener(fresh!, store().db))?.userId).toBe(maya);
  });

  it("finds nothing for malformed, guessed or someone else's edited secrets", async () => {
    const maya = await addUser("maya");
    const { secret } = await saveShareSettings(maya, on, store().db);
    for (const guess of ["", "x", `${secret}x`, secret!.slice(0, -1), "A".repeat(43), "../../etc/passwd"]) {
      expect(await findSharedListener(guess, store().db)).toBeNull();
    }
  });

  it("keeps two people's links apart, and drops a person's with their data", async () => {
    const maya = await addUser("maya");
    const olu = await addUser("olu");
    const a = await saveShareSettings(maya, on, store().db);
    const b = await saveShareSettings(olu, on, store().db);
    expect((await findSharedListener(a.secret!, store().db))?.userId).toBe(maya);
    expect((await findSharedListener(b.secret!, store().db))?.userId).toBe(olu);
    await store().db.delete(users).where(eq(users.id, maya));
    expect(await findSharedListener(a.secret!, store().db)).toBeNull();
    expect(await findSharedListener(b.secret!, store().db)).not.toBeNull();
  });
});
