// The one place where route handlers' results and errors become HTTP responses. Handlers stay thin:
// check the session, validate input, call one lib/ function, return its value.
import "server-only";
import { type SpotifyAccess, requireSpotifyAccess } from "@/lib/auth/spotify-access";
import { getConfig } from "@/lib/config";
import { ApiError } from "@/lib/errors";
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

/** Answers every method but GET (and the HEAD/OPTIONS Next.js derives) with a JSON 405. */
export function methodNotAllowed(): Response {
  return jsonResponse(new ApiError("method_not_allowed", "Only GET is supported here.").toBody(), 405, {
    Allow: "GET, HEAD",
  });
}
