// requireSessionUser on a real session cookie (sealed as next-auth seals it) naming a server-side
// session in the database, on both stores; only the request's cookie jar is provided by the test.
import { encode, type JWT } from "next-auth/jwt";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { endAllSessions, recordSignIn } from "@/lib/auth/accounts";
import { sessionCookieName } from "@/lib/auth/session-cookie";
import { getConfig } from "@/lib/config";
import { STORE_KINDS } from "@/lib/db/test-databases";
import { storeForTests } from "@/lib/testing/store-for-tests";
import { users } from "@/lib/db/schema";
import { ApiError } from "@/lib/errors";
import { requireSessionUser } from "./session-user";
import { eq } from "drizzle-orm";

const jar = vi.hoisted(() => new Map<string, string>());
vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) => (jar.has(name) ? { name, value: jar.get(name) } : undefined),
    getAll: () => [...jar].map(([name, value]) => ({ name, value })),
  }),
}));

async function signedInAs(token: JWT, secret = getConfig().auth.secret) {
  jar.set(sessionCookieName(getConfig().auth.secure), await encode({ token, secret }));
}

const grant = {
  accessToken: "at-test",
  refreshToken: "rt-test",
  expiresAt: Date.now() + 3_600_000,
  lifetimeMs: 3_600_000,
};

describe.each(STORE_KINDS)("requireSessionUser on the %s store", (kind) => {
  const store = storeForTests(kind);
  beforeEach(() => jar.clear());

  async function rejection(): Promise<ApiError> {
    const error = await requireSessionUser(store().db).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ApiError);
    return error as ApiError;
  }

  it("gives the signed-in person, and no one once their sessions have ended", async () => {
    const { userId, sessionSecret } = await recordSignIn(
      { spotifyId: "rory", displayName: "Rory", imageUrl: null },
      grant,
      store().db,
    );
    await signedInAs({ sub: userId, sid: sessionSecret });
    expect(await requireSessionUser(store().db)).toMatchObject({ userId, spotifyId: "rory", name: "Rory" });
    await endAllSessions(userId, store().db);
    expect((await rejection()).code).toBe("unauthenticated");
  });

  it("answers 401 unauthenticated without a session, or with one the database does not know", async () => {
    expect((await rejection()).code).toBe("unauthenticated");
    await signedInAs({ name: "Nobody", sub: "someone", sid: "made-up" });
    const error = await rejection();
    expect(error.code).toBe("unauthenticated");
    expect(error.status).toBe(401);
  });

  it("reads no session from name.N chunks: Earshot never writes them, so they are stale or planted", async () => {
    const { userId, sessionSecret } = await recordSignIn(
      { spotifyId: "rory", displayName: "Rory", imageUrl: null },
      grant,
      store().db,
    );
    const sealed = await encode({
      token: { sub: userId, sid: sessionSecret },
      secret: getConfig().auth.secret,
    });
    const name = sessionCookieName(getConfig().auth.secure);
    jar.set(`${name}.0`, sealed.slice(0, 100));
    jar.set(`${name}.1`, sealed.slice(100));
    expect((await rejection()).code).toBe("unauthenticated");
    jar.set(name, sealed);
    expect(await requireSessionUser(store().db)).toMatchObject({ userId });
  });

  it("treats a cookie sealed with another secret as no session", async () => {
    const { userId, sessionSecret } = await recordSignIn(
      { spotifyId: "rory", displayName: "Rory", imageUrl: null },
      grant,
      store().db,
    );
    await signedInAs({ sub: userId, sid: sessionSecret }, "another secret of at least 32 characters");
    expect((await rejection()).code).toBe("unauthenticated");
  });

  it("does not honour a session of another Spotify app (a demo session in real mode)", async () => {
    const { userId, sessionSecret } = await recordSignIn(
      { spotifyId: "rory", displayName: "Rory", imageUrl: null },
      grant,
      store().db,
    );
    await store().db.update(users).set({ clientId: "another-client" }).where(eq(users.id, userId));
    await signedInAs({ sub: userId, sid: sessionSecret });
    expect((await rejection()).code).toBe("unauthenticated");
  });
});
