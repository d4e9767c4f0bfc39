// The app's error vocabulary, shared by route handlers (which answer with it) and the browser (which
// acts on it). One code per thing the UI can do something about.

export const ERROR_STATUS = {
  invalid_request: 400,
  unauthenticated: 401,
  reauth_required: 401,
  spotify_forbidden: 403,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  rate_limited: 429,
  internal_error: 500,
  upstream_error: 502,
  upstream_timeout: 504,
  store_unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

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
    return ERROR_STATUS[this.code];
  }

  toBody(): ErrorBody {
    const body: ErrorBody = { error: { code: this.code, message: this.message } };
    if (this.retryAfterSeconds !== undefined) body.error.retryAfterSeconds = this.retryAfterSeconds;
    return body;
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === "string" && Object.hasOwn(ERROR_STATUS, value);
}
