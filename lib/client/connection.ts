// Turns the dashboard's latest errors into the one notice worth showing, most actionable first:
// a sign-in beats an allow-list problem beats a rate limit beats a transient failure.
import { errorPolicy } from "@/lib/errors";
import { type ApiClientError, isApiClientError } from "./api-fetch";

export type ConnectionNotice =
  | { kind: "reauth" }
  | { kind: "forbidden"; message: string }
  | { kind: "rate_limited"; resumeAt: number | null; retryAfterSeconds: number }
  | { kind: "reconnecting"; offline: boolean };

/** The policy of an error that is ours (ApiClientError), or null for anything else. */
function policyOf(error: unknown) {
  return isApiClientError(error) ? errorPolicy(error.code) : null;
}

export function isSignInError(error: unknown): boolean {
  return policyOf(error)?.needsSignIn ?? false;
}

/** Errors no retry will clear: a sign-in, or the allow-list. */
export function needsListener(error: unknown): boolean {
  const policy = policyOf(error);
  return policy !== null && (policy.needsSignIn || policy.refused);
}

/** `errors` are the latest error of each source (null when it last succeeded). */
export function describeConnection(
  errors: readonly unknown[],
  signInNeeded = false,
): ConnectionNotice | null {
  const present = errors.filter((error) => error !== null && error !== undefined);
  if (signInNeeded || present.some(isSignInError)) return { kind: "reauth" };
  const ours = present.filter(isApiClientError);
  const refused = ours.find((error) => errorPolicy(error.code).refused);
  if (refused) return { kind: "forbidden", message: refused.message };
  const limited = ours.find((error) => errorPolicy(error.code).retry === "after-wait");
  if (limited) return rateLimitNotice(limited);
  const [first] = present;
  if (first === undefined) return null;
  // A code of status 0 means the request never got an answer: the browser is probably offline.
  return { kind: "reconnecting", offline: isApiClientError(first) && errorPolicy(first.code).status === 0 };
}

function rateLimitNotice(limited: ApiClientError): ConnectionNotice {
  const resumeAt =
    limited.retryAfterSeconds === null ? null : limited.receivedAt + limited.retryAfterSeconds * 1000;
  return { kind: "rate_limited", resumeAt, retryAfterSeconds: limited.retryAfterSeconds ?? 0 };
}

/** Whole seconds left until `resumeAt`, never below 0. */
export function secondsUntil(resumeAt: number, now: number): number {
  return Math.max(0, Math.ceil((resumeAt - now) / 1000));
}
