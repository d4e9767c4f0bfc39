// The one place where route handlers' results and errors become HTTP responses. Handlers stay thin:
// a wrapper checks the session (withSession: who is signed in; withSpotify: their Spotify access),
// parseQuery validates input, the handler calls one lib/ function and returns its value.
import "server-only";
import type { z } from "zod";
import { type SpotifyAccess, spotifyAccessForSession } from "@/lib/auth/spotify-access";
import { getConfig } from "@/lib/config";
import type { SessionUser } from "@/lib/auth/accounts";
import { isConnectionError } from "@/lib/db/connection";
import { ApiError } from "@/lib/errors";
import { API_CSP, HSTS } from "@/lib/security-headers";
import { requestLimit } from "@/lib/shared/request-limit";
import { requireSessionUser } from "./session-user";

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

/** 304: the answer the caller holds (its ETag) is still current. */
export function notModified(etag: string): Response {
  return new Response(null, { status: 304, headers: { ...apiHeaders(), ETag: etag } });
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

export type RouteHandler = (request: Request) => Promise<Response>;

/**
 * A handler that needs only the signed-in user (any method): nothing is asked of Spotify and no token
 * is refreshed. Each handler checks the session itself: a proxy/middleware check alone is not enough.
 * Anything but GET must come from Earshot's own pages: a cross-site request (CSRF) is refused.
 */
export function withSession(
  handle: (session: SessionUser, request: Request) => Promise<unknown>,
): RouteHandler {
  return answer(async (request) => {
    if (request.method !== "GET" && request.method !== "HEAD") assertSameOrigin(request);
    const user = await requireSessionUser();
    await assertUnderLimit(user.userId);
    return handle(user, request);
  });
}

/**
 * A handler that calls Spotify for the signed-in person: their access, refreshed when due (once
 * across every instance: lib/auth/spotify-tokens.ts). For GETs: the Spotify client retries only reads.
 */
export function withSpotify(
  handle: (access: SpotifyAccess, request: Request) => Promise<unknown>,
): RouteHandler {
  return answer(async (request) => {
    const user = await requireSessionUser();
    await assertUnderLimit(user.userId); // before any token refresh or upstream call
    return handle(await spotifyAccessForSession(user), request);
  });
}

/**
 * At most API_RATE_LIMIT_PER_MINUTE requests a minute per person, across every instance: one person
 * (a script, a stuck tab) cannot spend the app's Spotify budget or the store's time for everyone.
 */
async function assertUnderLimit(userId: string): Promise<void> {
  const answer = await requestLimit()?.hit(userId);
  if (answer && !answer.allowed) {
    throw new ApiError(
      "rate_limited",
      `Too many requests. Try again in ${answer.retryAfterSeconds} s.`,
      answer.retryAfterSeconds,
    );
  }
}

/**
 * A streamed answer (a download): a handler returns one of these instead of a value to serialise.
 * It gets the same no-store and CSP headers as every JSON answer.
 */
export function streamResponse(body: ReadableStream<Uint8Array>, headers: Record<string, string>): Response {
  return new Response(body, { status: 200, headers: { ...apiHeaders(), ...headers } });
}

function answer(run: (request: Request) => Promise<unknown>): RouteHandler {
  return async (request) => {
    try {
      const result = await run(request);
      return result instanceof Response ? result : jsonResponse(result);
    } catch (error) {
      return errorResponse(error);
    }
  };
}

/**
 * The query string of `url`, checked against `schema` (zod, strict objects reject unknown
 * parameters). Anything wrong is a 400 `invalid_request` that names the first problem, the same
 * way for every route.
 */
export function parseQuery<Schema extends z.ZodType>(schema: Schema, url: string | URL): z.output<Schema> {
  const query = schema.safeParse(Object.fromEntries(new URL(url).searchParams));
  if (query.success) return query.data;
  const issue = query.error.issues[0];
  if (issue?.code === "unrecognized_keys") {
    const known = knownKeys(schema);
    const hint = known.length > 0 ? ` Use ${known.join(", ").replace(/, ([^,]*)$/, " or $1")}.` : "";
    throw new ApiError("invalid_request", `Unknown parameter: ${issue.keys.join(", ")}.${hint}`);
  }
  throw new ApiError("invalid_request", issue?.message ?? "Invalid query");
}

function knownKeys(schema: z.ZodType): string[] {
  const shape = (schema as { shape?: unknown }).shape;
  return typeof shape === "object" && shape !== null ? Object.keys(shape) : [];
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
