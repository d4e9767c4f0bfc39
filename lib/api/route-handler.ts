// The one place where route handlers' results and errors become HTTP responses. Handlers stay thin:
// check the session, validate input, call one lib/ function, return its value.
import "server-only";
import { type SpotifyAccess, requireSpotifyAccess } from "@/lib/auth/spotify-access";
import { ApiError } from "@/lib/errors";

// Per-person, live data: no shared cache may store it, and the browser must not reuse it.
const NO_STORE = { "Cache-Control": "private, no-store" };

export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { ...NO_STORE, ...headers } });
}

export function errorResponse(error: unknown): Response {
  if (error instanceof ApiError) {
    const headers: Record<string, string> =
      error.retryAfterSeconds !== undefined ? { "Retry-After": String(error.retryAfterSeconds) } : {};
    return jsonResponse(error.toBody(), error.status, headers);
  }
  console.error("Unhandled error in a route handler", error);
  return jsonResponse(new ApiError("internal_error", "Something went wrong on Earshot's side.").toBody(), 500);
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
