// The wrappers that turn route handlers' results and errors into responses. Who is signed in comes
// from the two session readers, replaced here by test doubles of the module (their own behaviour is
// tested in session-user.test.ts and through the browser tests).
import { beforeEach, describe, expect, it, vi } from "vitest";
import { recentlyPlayedQuery } from "@/app/api/spotify/recently-played/schema";
import { ApiError } from "@/lib/errors";
import type * as RequestLimitModule from "@/lib/shared/request-limit";
import { errorResponse, methodNotAllowed, parseQuery, withSession, withSpotify } from "./route-handler";

const session = vi.hoisted(() => ({
  user: vi.fn<() => Promise<{ userId: string }>>(),
  access: vi.fn(),
}));
vi.mock("./session-user", () => ({ requireSessionUser: session.user }));
vi.mock("@/lib/auth/spotify-access", () => ({ spotifyAccessForSession: session.access }));
// The per-person limit at 3 a minute (its shared twin is tested against Redis in lib/shared).
const limit = vi.hoisted(() => ({ current: null as null | { hit(userId: string): Promise<unknown> } }));
vi.mock("@/lib/shared/request-limit", () => ({ requestLimit: () => limit.current }));

beforeEach(async () => {
  const { InProcessRequestLimit } = await vi.importActual<typeof RequestLimitModule>(
    "@/lib/shared/request-limit",
  );
  limit.current = new InProcessRequestLimit(3);
  session.user.mockReset().mockResolvedValue({ userId: "rory" });
  session.access.mockReset().mockResolvedValue({ userId: "rory", accessToken: "t", renew: vi.fn() });
});

const unauthenticated = () => new ApiError("unauthenticated", "Sign in with Spotify to see your listening.");

describe("withSession", () => {
  it("hands the signed-in user and the request to the handler, and answers its value as private JSON", async () => {
    const handle = vi.fn(async (user: { userId: string }, request: Request) => ({
      user: user.userId,
      body: await request.json(),
    }));
    const response = await withSession(handle)(
      new Request("http://app.test/api/x", {
        method: "POST",
        headers: { origin: "http://127.0.0.1:3000" }, // the configured app URL
        body: JSON.stringify({ a: 1 }),
      }),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ user: "rory", body: { a: 1 } });
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    expect(response.headers.get("content-security-policy")).toContain("default-src 'none'");
  });

  it("refuses a change from another site (or with no Origin) with 403 forbidden, before the handler", async () => {
    const handle = vi.fn();
    for (const headers of [{ origin: "https://evil.example" }, {}] as Record<string, string>[]) {
      const response = await withSession(handle)(
        new Request("http://app.test/api/x", { method: "DELETE", headers }),
      );
      expect(response.status).toBe(403);
      expect((await response.json()).error.code).toBe("forbidden");
    }
    expect(handle).not.toHaveBeenCalled();
  });

  it("never asks for Spotify access", async () => {
    await withSession(async () => ({}))(new Request("http://app.test/api/x"));
    expect(session.access).not.toHaveBeenCalled();
  });

  it("answers 401 unauthenticated without calling the handler when no one is signed in", async () => {
    session.user.mockRejectedValue(unauthenticated());
    const handle = vi.fn();
    const response = await withSession(handle)(new Request("http://app.test/api/x"));
    expect(response.status).toBe(401);
    expect((await response.json()).error.code).toBe("unauthenticated");
    expect(handle).not.toHaveBeenCalled();
  });
});

describe("withSpotify", () => {
  it("hands the Spotify access to the handler", async () => {
    const response = await withSpotify(async (access) => ({ token: access.accessToken }))(
      new Request("http://app.test/api/spotify/x"),
    );
    expect(await response.json()).toEqual({ token: "t" });
  });

  it("answers the access's error (a sign-in that Spotify revoked) as it is", async () => {
    session.access.mockRejectedValue(new ApiError("reauth_required", "Sign in again."));
    const response = await withSpotify(vi.fn())(new Request("http://app.test/api/spotify/x"));
    expect(response.status).toBe(401);
    expect((await response.json()).error).toEqual({ code: "reauth_required", message: "Sign in again." });
  });
});

describe("the per-person request limit", () => {
  it("answers 429 rate_limited with Retry-After past the limit, before the handler and any Spotify access", async () => {
    const handle = vi.fn(async () => ({ ok: true }));
    const route = withSpotify(handle);
    for (let i = 0; i < 3; i++)
      expect((await route(new Request("http://app.test/api/spotify/x"))).status).toBe(200);
    const over = await route(new Request("http://app.test/api/spotify/x"));
    expect(over.status).toBe(429);
    const retryAfter = Number(over.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect((await over.json()).error).toMatchObject({ code: "rate_limited", retryAfterSeconds: retryAfter });
    expect(handle).toHaveBeenCalledTimes(3);
    expect(session.access).toHaveBeenCalledTimes(3);
    // Session-only routes count against the same limit; another person has their own.
    expect((await withSession(async () => ({}))(new Request("http://app.test/api/x"))).status).toBe(429);
    session.user.mockResolvedValue({ userId: "maya" });
    expect((await withSession(async () => ({}))(new Request("http://app.test/api/x"))).status).toBe(200);
  });
});

describe("errorResponse", () => {
  it("gives a rate limit its Retry-After, in the header and the body", async () => {
    const response = errorResponse(new ApiError("rate_limited", "Slow down.", 12));
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("12");
    expect((await response.json()).error.retryAfterSeconds).toBe(12);
  });

  it("logs an unknown error and answers a generic 500 that leaks nothing", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const response = errorResponse(new Error("secret detail"));
    expect(response.status).toBe(500);
    const body = await response.json();
    expect(body.error.code).toBe("internal_error");
    expect(JSON.stringify(body)).not.toContain("secret detail");
    expect(log).toHaveBeenCalled();
    log.mockRestore();
  });
});

describe("parseQuery", () => {
  const parse = (query: string) => parseQuery(recentlyPlayedQuery, `http://app.test/api/x?${query}`);
  const rejection = (query: string) => {
    try {
      parse(query);
    } catch (error) {
      return error as ApiError;
    }
    throw new Error(`?${query} was accepted`);
  };

  it("returns the parsed query, defaults included", () => {
    expect(parse("")).toEqual({ limit: 20 });
    expect(parse("limit=5&before=1700000000000")).toEqual({ limit: 5, before: 1_700_000_000_000 });
  });

  it("answers 400 invalid_request naming the first problem", () => {
    for (const [query, message] of [
      ["limit=51", /limit must be from 1 to 50/],
      ["limit=ten", /whole number/],
      ["before=1&after=2", /together/],
      ["offset=3", /^Unknown parameter: offset\. Use limit, before or after\.$/],
    ] as const) {
      const error = rejection(query);
      expect(error).toBeInstanceOf(ApiError);
      expect(error.code).toBe("invalid_request");
      expect(error.status).toBe(400);
      expect(error.message).toMatch(message);
    }
  });
});

describe("methodNotAllowed", () => {
  it("answers 405 with the methods that are", async () => {
    const response = methodNotAllowed();
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET, HEAD");
    expect((await response.json()).error.code).toBe("method_not_allowed");
  });
});
