// A typed Spotify Web API client, made per request from the caller's access (never shared, never
// holding a token beyond the request). It owns the upstream policy:
// - a timeout on every call, one retry with backoff on 5xx and connection errors (GETs only);
// - on 401, one token renewal and one retry;
// - a 429 closes the app-wide rate gate; while closed, nothing goes upstream;
// - every call takes a token of the app's Spotify budget first, at the caller's priority;
// - every failure becomes an ApiError with a code the browser can act on.
import "server-only";
import type { z } from "zod";
import type { SpotifyAccess } from "@/lib/auth/spotify-access";
import { getConfig } from "@/lib/config";
import { ApiError } from "@/lib/errors";
import { type Priority, type SpotifyBudget, spotifyBudget } from "@/lib/shared/spotify-budget";
import { type Gate, rateGate, retryAfterSeconds } from "./rate-gate";
import { webApiErrorSchema } from "./schemas";

export const UPSTREAM_TIMEOUT_MS = 5_000;
const RETRY_BACKOFF_MS = 250;

/** What the client works with; each defaults to the app's own. Unit tests pass theirs. */
export type SpotifyClientDeps = {
  /** Spotify's Web API origin (default: the configured SPOTIFY_API_URL). */
  apiUrl?: string;
  /** The 429 gate (default: the app's, shared through Redis when configured). */
  gate?: Gate;
  /** The app's Spotify budget (default: SPOTIFY_BUDGET_PER_MINUTE, shared through Redis when configured). */
  budget?: SpotifyBudget;
  /** Who is asking, for the budget: a dashboard (default), the recorder, or enrichment. */
  priority?: Priority;
  fetch?: typeof fetch;
  /** How long one upstream call may take (default UPSTREAM_TIMEOUT_MS). */
  timeoutMs?: number;
  /** The wait before the one retry: this plus up to as much again, at random (default 250 ms). */
  retryBackoffMs?: number;
};

export type SpotifyClient = {
  /** GET a Web API path (e.g. `/v1/me/player`); null when Spotify answers 204 No Content. */
  get<T>(path: string, schema: z.ZodType<T>): Promise<T | null>;
};

export function createSpotifyClient(access: SpotifyAccess, deps: SpotifyClientDeps = {}): SpotifyClient {
  const apiUrl = deps.apiUrl ?? getConfig().spotify.apiUrl;
  const gate = deps.gate ?? rateGate();
  const budget = deps.budget ?? spotifyBudget();
  const priority = deps.priority ?? "dashboard";
  const fetchUpstream = deps.fetch ?? fetch;
  const timeoutMs = deps.timeoutMs ?? UPSTREAM_TIMEOUT_MS;
  const backoffMs = deps.retryBackoffMs ?? RETRY_BACKOFF_MS;
  const backoff = () => new Promise((resolve) => setTimeout(resolve, backoffMs + Math.random() * backoffMs));
  return {
    async get(path, schema) {
      let renewed = false;
      let retried = false;
      for (;;) {
        await assertGateOpen(gate);
        await takeToken(budget, priority);
        let response: Response;
        try {
          response = await fetchUpstream(`${apiUrl}${path}`, {
            headers: { Authorization: `Bearer ${access.accessToken}`, Accept: "application/json" },
            signal: AbortSignal.timeout(timeoutMs),
            cache: "no-store",
          });
        } catch (error) {
          if (isTimeout(error)) {
            throw new ApiError("upstream_timeout", "Spotify did not answer in time. Trying again shortly.");
          }
          if (!retried) {
            retried = true;
            await backoff();
            continue;
          }
          throw new ApiError("upstream_error", "Spotify could not be reached. Trying again shortly.");
        }

        if (response.status === 204) return null;
        if (response.ok) return parseBody(response, schema);

        if (response.status === 401 && !renewed) {
          renewed = true;
          await access.renew(); // throws reauth_required when Spotify refuses the refresh token
          continue;
        }
        if (response.status >= 500 && !retried) {
          retried = true;
          await response.body?.cancel();
          await backoff();
          continue;
        }
        throw await toApiError(response, gate);
      }
    },
  };
}

/**
 * The budget said no: for a dashboard, a 429 with the wait (the page polls again after it); the
 * recorder defers the person's sync by as long and catches up then (its `after=` overlap).
 */
export class BudgetDeniedError extends ApiError {
  override name = "BudgetDeniedError";
  constructor(readonly waitMs: number) {
    const seconds = Math.max(1, Math.ceil(waitMs / 1000));
    super(
      "rate_limited",
      `Earshot's Spotify budget is spent for now. Updates resume in ${seconds} s.`,
      seconds,
    );
  }
}

async function takeToken(budget: SpotifyBudget, priority: Priority) {
  const answer = await budget.take(priority);
  if (!answer.granted) throw new BudgetDeniedError(answer.waitMs);
}

async function assertGateOpen(gate: Gate) {
  const remainingMs = await gate.remainingMs();
  if (remainingMs > 0) {
    const seconds = Math.ceil(remainingMs / 1000);
    throw new ApiError(
      "rate_limited",
      `Spotify asked Earshot to slow down. Updates resume in ${seconds} s.`,
      seconds,
    );
  }
}

async function parseBody<T>(response: Response, schema: z.ZodType<T>): Promise<T> {
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    throw new ApiError("upstream_error", "Spotify sent a response that could not be read.");
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    console.warn(`Spotify ${response.url}: unexpected payload`, parsed.error.issues.slice(0, 5));
    throw new ApiError("upstream_error", "Spotify sent a response in an unexpected shape.");
  }
  return parsed.data;
}

async function toApiError(response: Response, gate: Gate): Promise<ApiError> {
  const body = webApiErrorSchema.safeParse(await response.json().catch(() => undefined));
  const message = body.success ? body.data.error.message : "";
  switch (response.status) {
    case 401:
      return new ApiError("reauth_required", "Spotify no longer accepts this sign-in. Sign in again.");
    case 403:
      // Permissions granted before Earshot asked for more: a new sign-in grants them.
      if (/scope/i.test(message)) {
        return new ApiError(
          "reauth_required",
          "Earshot needs new Spotify permissions. Sign in again to grant them.",
        );
      }
      return new ApiError(
        "spotify_forbidden",
        /not registered/i.test(message)
          ? "Spotify refused access: this Spotify account is not on the app's allow-list. In Development " +
              "Mode, the app's owner must add your account under User Management on the Spotify developer dashboard."
          : `Spotify refused access${message ? `: ${message}` : ""}.`,
      );
    case 429: {
      const seconds = retryAfterSeconds(response.headers.get("retry-after"));
      await gate.close(seconds);
      const quota = body.success && body.data.error.reason === "QUOTA_EXCEEDED";
      return new ApiError(
        "rate_limited",
        quota
          ? `The app's Spotify quota is used up. Updates resume in ${seconds} s.`
          : `Spotify asked Earshot to slow down. Updates resume in ${seconds} s.`,
        seconds,
      );
    }
    default:
      return new ApiError("upstream_error", `Spotify answered ${response.status}. Trying again shortly.`);
  }
}

function isTimeout(error: unknown): boolean {
  return error instanceof DOMException && (error.name === "TimeoutError" || error.name === "AbortError");
}
