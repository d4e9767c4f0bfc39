// The browser's one way to call the app's own API: same-origin, never cached, and every non-2xx
// answer turned back into a typed ApiClientError the UI can act on (sign in again, wait, retry).
import { type ClientErrorCode, ERROR_POLICY, type ErrorCode, isErrorCode } from "@/lib/errors";
import { parseRetryAfter } from "@/lib/retry-after";

export type { ClientErrorCode };

export class ApiClientError extends Error {
  override name = "ApiClientError";
  constructor(
    /** HTTP status; 0 when the request never got an answer (offline, aborted by the network). */
    readonly status: number,
    readonly code: ClientErrorCode,
    message: string,
    /** Seconds until a rate limit lifts, from the body or the `Retry-After` header; null otherwise. */
    readonly retryAfterSeconds: number | null = null,
    /** Client time (epoch ms) at which the error arrived, for countdowns. */
    readonly receivedAt: number = Date.now(),
  ) {
    super(message);
  }
}

export function isApiClientError(value: unknown): value is ApiClientError {
  return value instanceof ApiClientError;
}

// Statuses that stand for one code (ERROR_POLICY's `bareStatus`), e.g. 404 for not_found.
const CODE_OF_BARE_STATUS = new Map<number, ErrorCode>(
  Object.entries(ERROR_POLICY).flatMap(([code, policy]) =>
    policy.bareStatus && isErrorCode(code) ? [[policy.status, code] as const] : [],
  ),
);

/** The code a bare status implies, for bodies that are not our JSON (a proxy's HTML page, say). */
export function codeFromStatus(status: number): ErrorCode {
  // Any other 5xx came from something between the browser and Spotify; anything else is our fault.
  return CODE_OF_BARE_STATUS.get(status) ?? (status >= 500 ? "upstream_error" : "internal_error");
}

/** Builds the typed error from a response's status, headers and (possibly non-JSON) body text. */
export function errorFromResponse(
  status: number,
  retryAfterHeader: string | null,
  bodyText: string,
): ApiClientError {
  let code: ClientErrorCode = codeFromStatus(status);
  let message = `Request failed (${status})`;
  let retryAfterSeconds = parseRetryAfter(retryAfterHeader);
  try {
    const body: unknown = JSON.parse(bodyText);
    const error = typeof body === "object" && body !== null ? (body as { error?: unknown }).error : undefined;
    if (typeof error === "object" && error !== null) {
      const {
        code: bodyCode,
        message: bodyMessage,
        retryAfterSeconds: bodyRetry,
      } = error as Record<string, unknown>;
      if (isErrorCode(bodyCode)) code = bodyCode;
      if (typeof bodyMessage === "string" && bodyMessage !== "") message = bodyMessage;
      if (typeof bodyRetry === "number" && Number.isFinite(bodyRetry) && bodyRetry >= 0)
        retryAfterSeconds = bodyRetry;
    }
  } catch {
    // Not our JSON: the status alone decides.
  }
  return new ApiClientError(status, code, message, retryAfterSeconds);
}

export async function apiFetch<T>(
  path: string,
  init: {
    signal?: AbortSignal;
    method?: "GET" | "POST" | "PUT" | "DELETE";
    json?: unknown;
    /** A raw body (an uploaded file) with its own headers, instead of `json`. */
    file?: { body: Blob; headers: Record<string, string> };
  } = {},
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: init.method ?? "GET",
      credentials: "same-origin",
      cache: "no-store",
      headers: init.file
        ? { accept: "application/json", ...init.file.headers }
        : init.json === undefined
          ? { accept: "application/json" }
          : { accept: "application/json", "content-type": "application/json" },
      body: init.file ? init.file.body : init.json === undefined ? undefined : JSON.stringify(init.json),
      signal: init.signal,
    });
  } catch (cause) {
    // React Query aborts superseded requests; let that surface as the AbortError it is.
    if (cause instanceof DOMException && cause.name === "AbortError") throw cause;
    throw new ApiClientError(0, "network_error", "Could not reach Earshot. Check your connection.");
  }
  if (!response.ok) {
    const text = await response.text().catch(() => "");
    throw errorFromResponse(response.status, response.headers.get("retry-after"), text);
  }
  try {
    return (await response.json()) as T;
  } catch {
    // A 200 that is not JSON (a proxy's error page, a cut-off body): an upstream failure like any other.
    throw new ApiClientError(response.status, "upstream_error", "Earshot's answer could not be read.");
  }
}

/**
 * A GET that sends the ETag of the answer it already has: `unchanged` when the server says 304 (it
 * answers so without reading the store while the person's plays did not change), else the new
 * body and its ETag (null when the server keeps none, e.g. without Redis). Errors as apiFetch's.
 */
export async function apiFetchIfChanged<T>(
  path: string,
  etag: string | null,
): Promise<{ unchanged: true } | { unchanged: false; body: T; etag: string | null }> {
  let response: Response;
  try {
    response = await fetch(path, {
      credentials: "same-origin",
      cache: "no-store",
      headers: { accept: "application/json", ...(etag ? { "if-none-match": etag } : {}) },
    });
  } catch {
    throw new ApiClientError(0, "network_error", "Could not reach Earshot. Check your connection.");
  }
  if (response.status === 304) return { unchanged: true };
  if (!response.ok) {
    const text = await response.text().catch(() => "");
    throw errorFromResponse(response.status, response.headers.get("retry-after"), text);
  }
  try {
    return { unchanged: false, body: (await response.json()) as T, etag: response.headers.get("etag") };
  } catch {
    throw new ApiClientError(response.status, "upstream_error", "Earshot's answer could not be read.");
  }
}
