// requireSessionUser on a real session cookie (sealed as next-auth seals it); only the request's
// cookie jar, which next/headers gives a route handler, is provided by the test.
import { encode, type JWT } from "next-auth/jwt";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { sessionCookieName } from "@/lib/auth/session-cookie";
import { getConfig } from "@/lib/config";
import { ApiError } from "@/lib/errors";
import { requireSessionUser } from "./session-user";

const jar = vi.hoisted(() => new Map<string, string>());
vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) => (jar.has(name) ? { name, value: jar.get(name) } : undefined),
    getAll: () => [...jar].map(([name, value]) => ({ name, value })),
  }),
}));

beforeEach(() => jar.clear());

async function signedInAs(token: JWT) {
  const { auth } = getConfig();
  jar.set(sessionCookieName(auth.secure), await encode({ token, secret: auth.secret }));
}

async function rejection(): Promise<ApiError> {
  const error = await requireSessionUser().then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe("requireSessionUser", () => {
  it("gives the signed-in user's id", async () => {
    await signedInAs({ sub: "rory", name: "Rory" });
    expect(await requireSessionUser()).toEqual({ userId: "rory" });
  });

  it("needs no Spotify tokens: a session Spotify revoked still has its user", async () => {
    await signedInAs({ sub: "rory", error: "reauth_required" });
    expect(await requireSessionUser()).toEqual({ userId: "rory" });
  });

  it("answers 401 unauthenticated without a session, or with one that names no one", async () => {
    expect((await rejection()).code).toBe("unauthenticated");
    await signedInAs({ name: "Nobody" });
    const error = await rejection();
    expect(error.code).toBe("unauthenticated");
    expect(error.status).toBe(401);
  });

  it("treats a cookie sealed with another secret as no session", async () => {
    const { auth } = getConfig();
    jar.set(
      sessionCookieName(auth.secure),
      await encode({ token: { sub: "rory" }, secret: "another secret of at least 32 characters" }),
    );
    expect((await rejection()).code).toBe("unauthenticated");
  });
});
