// The app's error vocabulary, shared by route handlers (which answer with it) and the browser (which
// acts on it). One code per thing the UI can do something about, and one table (ERROR_POLICY) that
// says everything a code means: its status, and what the browser does about it. Everything else
// (the status of an ApiError, the code a bare status implies, the retry and poll policy, the notice)
// is derived from that table, so a new code cannot be half-handled.

/** Codes the server answers with. */
export type ErrorCode =
  | "invalid_request"
  | "unauthenticated"
  | "reauth_required"
  | "spotify_forbidden"
  | "forbidden"
  | "not_found"
  | "method_not_allowed"
  | "conflict"
  | "payload_too_large"
  | "rate_limited"
  | "internal_error"
  | "upstream_error"
  | "upstream_timeout"
  | "store_unavailable";

/** The server's codes, plus the browser's own for a request that never got an answer. */
export type ClientErrorCode = ErrorCode | "network_error";

/** What asking again can do about an error. */
export type RetryPolicy =
  /** Nothing, until the listener or the request changes: no quick retries, and polls only rarely. */
  | "never"
  /** The server already retried upstream once: no quick retries here; polls back off. */
  | "backoff"
  /** The request never reached Earshot: a couple of quick retries, then polls back off. */
  | "quickly"
  /** Only after Retry-After: a quick retry when the wait is short, else the next poll after it. */
  | "after-wait";

export type ErrorPolicy = {
  /** The HTTP status the server answers with; 0 for a request that never got an answer. */
  status: number;
  /** A response whose body is not our JSON (a proxy's page) and has this status means this code. */
  bareStatus: boolean;
  retry: RetryPolicy;
  /** Only a new sign-in helps: the dashboard stops asking and offers one. */
  needsSignIn: boolean;
  /** Spotify refuses this account (the app's allow-list): neither retry nor sign-in helps; say why. */
  refused: boolean;
};

export const ERROR_POLICY = {
  invalid_request: { status: 400, bareStatus: true, retry: "never", needsSignIn: false, refused: false },
  unauthenticated: { status: 401, bareStatus: true, retry: "never", needsSignIn: true, refused: false },
  reauth_required: { status: 401, bareStatus: false, retry: "never", needsSignIn: true, refused: false },
  spotify_forbidden: { status: 403, bareStatus: true, retry: "never", needsSignIn: false, refused: true },
  /** A request Earshot refuses for itself (another site's, say); asking again changes nothing. */
  forbidden: { status: 403, bareStatus: false, retry: "never", needsSignIn: false, refused: false },
  not_found: { status: 404, bareStatus: true, retry: "backoff", needsSignIn: false, refused: false },
  method_not_allowed: { status: 405, bareStatus: true, retry: "backoff", needsSignIn: false, refused: false },
  /** The thing is not in a state that allows this (an import already running, say): reload to see it. */
  conflict: { status: 409, bareStatus: true, retry: "never", needsSignIn: false, refused: false },
  /** An upload over the size limit; the message states the limit. */
  payload_too_large: { status: 413, bareStatus: true, retry: "never", needsSignIn: false, refused: false },
  rate_limited: { status: 429, bareStatus: true, retry: "after-wait", needsSignIn: false, refused: false },
  internal_error: { status: 500, bareStatus: false, retry: "backoff", needsSignIn: false, refused: false },
  upstream_error: { status: 502, bareStatus: false, retry: "backoff", needsSignIn: false, refused: false },
  upstream_timeout: { status: 504, bareStatus: true, retry: "backoff", needsSignIn: false, refused: false },
  /** The database is not answering: like an upstream failure, it passes. */
  store_unavailable: { status: 503, bareStatus: false, retry: "backoff", needsSignIn: false, refused: false },
  network_error: { status: 0, bareStatus: false, retry: "quickly", needsSignIn: false, refused: false },
} as const satisfies Record<ClientErrorCode, ErrorPolicy>;

/** The JSON body of every error response: `{ "error": { "code", "message" } }`. */
export type ErrorBody = { error: { code: ErrorCode; message: string; retryAfterSeconds?: number } };

export class ApiError extends Error {
  override name = "ApiError";
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Seconds until a rate limit lifts (429 only). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }

  get status(): number {
    return ERROR_POLICY[this.code].status;
  }

  toBody(): ErrorBody {
    const body: ErrorBody = { error: { code: this.code, message: this.message } };
    if (this.retryAfterSeconds !== undefined) body.error.retryAfterSeconds = this.retryAfterSeconds;
    return body;
  }
}

/** A code the server may send: the browser's own (status 0, no answer) are never one. */
export function isErrorCode(value: unknown): value is ErrorCode {
  return (
    typeof value === "string" &&
    Object.hasOwn(ERROR_POLICY, value) &&
    ERROR_POLICY[value as ClientErrorCode].status !== 0
  );
}

export function errorPolicy(code: ClientErrorCode): ErrorPolicy {
  return ERROR_POLICY[code];
}
