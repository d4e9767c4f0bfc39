// The one place where route handlers' results and errors become HTTP responses. Handlers stay thin:
// check the session, validate input, call one lib/ function, return its value.
import "server-only";
import { type SpotifyAccess, requireSpotifyAccess } from "@/lib/auth/spotify-access";
import { getConfig } from "@/lib/config";
import { isConnectionError } from "@/lib/db/connection";
import { ApiError } from "@/lib/errors";
import type { z } from "zod";
import { requireSessionUser } from "./session-user";
import type { SessionUser } from "@/lib/auth/accounts";
import { API_CSP, HSTS } from "@/lib/security-headers";

let baseHeaders: Record<string, string> | undefined;

function apiHeaders(): Record<string, string> {
  baseHeaders ??= {
    // Per-person, live data: no shared cache may store it, and the browser must not reuse it.
    "Cache-Control": "private, no-store",
    // These routes bypass proxy.ts (see its matcher), so they bring their own policy.
    "Content-Security-Policy": API_CSP,
    ...(getConfig().auth.secure ? { "Strict-Transport-Security": HSTS } : {}),
  };
  return baseHeaders;
}

export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { ...apiHeaders(), ...headers } });
}

export function errorResponse(error: unknown): Response {
  if (error instanceof ApiError) {
    const headers: Record<string, string> =
      error.retryAfterSeconds !== undefined ? { "Retry-After": String(error.retryAfterSeconds) } : {};
    return jsonResponse(error.toBody(), error.status, headers);
  }
  if (isConnectionError(error)) {
    return errorResponse(
      new ApiError("store_unavailable", "Earshot's database is not answering. Try again shortly."),
    );
  }
  console.error("Unhandled error in a route handler", error);
  return jsonResponse(
    new ApiError("internal_error", "Something went wrong on Earshot's side.").toBody(),
    500,
  );
}

/** A GET handler that needs the signed-in person's Spotify access. */
export function spotifyGet(
  handle: (access: SpotifyAccess, url: URL) => Promise<unknown>,
): (request: Request) => Promise<Response> {
  return async (request) => {
    try {
      const url = new URL(request.url);
      // Each handler checks the session itself: a proxy/middleware check alone is not enough.
      const access = await requireSpotifyAccess();
      return jsonResponse(await handle(access, url));
    } catch (error) {
      return errorResponse(error);
    }
  };
}

/**
 * A handler that needs only the signed-in person (no Spotify call, so no token refresh). Anything
 * but GET must come from Earshot's own pages: a cross-site request (CSRF) is refused.
 */
export function withSession(
  handle: (user: SessionUser, request: Request) => Promise<unknown>,
): (request: Request) => Promise<Response> {
  return async (request) => {
    try {
      if (request.method !== "GET" && request.method !== "HEAD") assertSameOrigin(request);
      const user = await requireSessionUser();
      return jsonResponse(await handle(user, request));
    } catch (error) {
      return errorResponse(error);
    }
  };
}

function assertSameOrigin(request: Request) {
  const origin = request.headers.get("origin");
  const expected = new URL(getConfig().auth.url).origin;
  if (origin !== expected) {
    throw new ApiError("forbidden", "This request must come from Earshot's own pages.");
  }
}

/** A JSON request body checked against `schema`; 400 `invalid_request` when it does not fit. */
export async function readJsonBody<T>(request: Request, schema: z.ZodType<T>): Promise<T> {
  if (!request.headers.get("content-type")?.includes("application/json")) {
    throw new ApiError("invalid_request", "Send a JSON body (Content-Type: application/json).");
  }
  const json: unknown = await request.json().catch(() => undefined);
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new ApiError(
      "invalid_request",
      parsed.error.issues[0]?.message ?? "The request body is not valid.",
    );
  }
  return parsed.data;
}

/** Answers every method but GET (and the HEAD/OPTIONS Next.js derives) with a JSON 405. */
export function methodNotAllowed(): Response {
  return jsonResponse(new ApiError("method_not_allowed", "Only GET is supported here.").toBody(), 405, {
    Allow: "GET, HEAD",
  });
}

/** A JSON 405 for a route that supports only `allowed` (e.g. `onlyMethods("PUT")`). */
export function onlyMethods(...allowed: string[]): () => Response {
  return () =>
    jsonResponse(
      new ApiError(
        "method_not_allowed",
        `Only ${allowed.join(" and ")} ${allowed.length > 1 ? "are" : "is"} supported here.`,
      ).toBody(),
      405,
      { Allow: allowed.join(", ") },
    );
}
