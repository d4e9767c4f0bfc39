// Pages past Spotify's 50-play window come from the store, on both stores.
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { users } from "@/lib/db/schema";
import { STORE_KINDS } from "@/lib/db/test-databases";
import { storeForTests } from "@/lib/testing/store-for-tests";
import { recentPlaysAfterBeyondWindow, recentPlaysBeyondWindow } from "./beyond-window";

const T0 = Date.UTC(2026, 10, 28, 12);
const MINUTE = 60_000;

describe.each(STORE_KINDS)("plays past Spotify's window on the %s store", (kind) => {
  const store = storeForTests(kind);

  async function personWith(count: number) {
    const [row] = await store()
      .db.insert(users)
      .values({ clientId: "earshot-demo", spotifyId: `p${count}` })
      .returning({ id: users.id });
    const userId = row!.id;
    await store().db.execute(
      sql`insert into tracks (id, title, duration_ms) values ('spotify:track:x', 'X', 1000) on conflict do nothing`,
    );
    await store().db.execute(sql`
      insert into plays (user_id, played_at, track_id)
      select ${userId}::uuid, to_timestamp((${T0}::float8 - g * ${MINUTE}::float8) / 1000), 'spotify:track:x'
        from generate_series(0, ${count - 1}::int) g`);
    return userId;
  }

  it("answers a page wholly older than the 50 newest stored plays, and pages on", async () => {
    const userId = await personWith(75);
    const windowOldest = T0 - 49 * MINUTE;
    const page = await recentPlaysBeyondWindow(store().db, userId, windowOldest, 20);
    expect(page!.plays.map((play) => Date.parse(play.playedAt))).toEqual(
      Array.from({ length: 20 }, (_, i) => T0 - (50 + i) * MINUTE),
    );
    expect(page!.nextBefore).toBe(String(T0 - 69 * MINUTE));
    const last = await recentPlaysBeyondWindow(store().db, userId, Number(page!.nextBefore), 20);
    expect(last!.plays).toHaveLength(5);
    expect(last!.nextBefore).toBeNull();
  });

  it("leaves a page that may reach into the window to Spotify", async () => {
    const userId = await personWith(75);
    expect(await recentPlaysBeyondWindow(store().db, userId, T0 - 49 * MINUTE + 1, 20)).toBeNull();
    const few = await personWith(30);
    expect(await recentPlaysBeyondWindow(store().db, few, T0 - 29 * MINUTE, 20)).toBeNull();
  });

  it("answers an `after` cursor older than the window from the store: the plays right after it, none skipped", async () => {
    const userId = await personWith(75);
    // 60 stored plays are newer than this cursor, so Spotify's window no longer reaches back to it.
    const after = T0 - 60 * MINUTE;
    const page = await recentPlaysAfterBeyondWindow(store().db, userId, after, 20);
    expect(page!.plays.map((play) => Date.parse(play.playedAt))).toEqual(
      Array.from({ length: 20 }, (_, i) => T0 - (40 + i) * MINUTE),
    );
    expect(page!.nextBefore).toBeNull();
    // All of them (fewer than the limit): every play after the cursor, newest first.
    const all = await recentPlaysAfterBeyondWindow(store().db, userId, T0 - 55 * MINUTE, 60);
    expect(all!.plays.map((play) => Date.parse(play.playedAt))).toEqual(
      Array.from({ length: 55 }, (_, i) => T0 - i * MINUTE),
    );
  });

  it("leaves an `after` cursor within the window to Spotify", async () => {
    const userId = await personWith(75);
    expect(await recentPlaysAfterBeyondWindow(store().db, userId, T0 - 49 * MINUTE, 50)).toBeNull();
    expect(await recentPlaysAfterBeyondWindow(store().db, userId, T0 - MINUTE, 50)).toBeNull();
    const few = await personWith(30);
    expect(await recentPlaysAfterBeyondWindow(store().db, few, T0 - 29 * MINUTE - 1, 50)).toBeNull();
  });
});
