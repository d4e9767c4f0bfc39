// Turns the dashboard's latest errors into the one notice worth showing, most actionable first:
// a sign-in beats an allow-list problem beats a rate limit beats a transient failure.
import { isApiClientError } from "./api-fetch";

export type ConnectionNotice =
  | { kind: "reauth" }
  | { kind: "forbidden"; message: string }
  | { kind: "rate_limited"; resumeAt: number | null; retryAfterSeconds: number }
  | { kind: "reconnecting"; offline: boolean };

export function isSignInError(error: unknown): boolean {
  return isApiClientError(error) && (error.code === "reauth_required" || error.code === "unauthenticated");
}

/** Errors no retry will clear: a sign-in, or the allow-list. */
export function needsListener(error: unknown): boolean {
  return isSignInError(error) || (isApiClientError(error) && error.code === "spotify_forbidden");
}

/** `errors` are the latest error of each source (null when it last succeeded). */
export function describeConnection(
  errors: readonly unknown[],
  signInNeeded = false,
): ConnectionNotice | null {
  const present = errors.filter((error) => error !== null && error !== undefined);
  if (signInNeeded || present.some(isSignInError)) return { kind: "reauth" };
  const forbidden = present.find((error) => isApiClientError(error) && error.code === "spotify_forbidden");
  if (forbidden && isApiClientError(forbidden)) return { kind: "forbidden", message: forbidden.message };
  const limited = present.find((error) => isApiClientError(error) && error.code === "rate_limited");
  if (limited && isApiClientError(limited)) {
    const resumeAt =
      limited.retryAfterSeconds === null ? null : limited.receivedAt + limited.retryAfterSeconds * 1000;
    return { kind: "rate_limited", resumeAt, retryAfterSeconds: limited.retryAfterSeconds ?? 0 };
  }
  const [first] = present;
  if (first === undefined) return null;
  return { kind: "reconnecting", offline: isApiClientError(first) && first.code === "network_error" };
}

/** Whole seconds left until `resumeAt`, never below 0. */
export function secondsUntil(resumeAt: number, now: number): number {
  return Math.max(0, Math.ceil((resumeAt - now) / 1000));
}
