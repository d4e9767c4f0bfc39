// The Web API under /v1: bearer checks, allow-list and scope checks, rate limit, and the player endpoints.

import type { IncomingMessage, ServerResponse } from "node:http";
import type { EmulatorState } from "./emulator-state.ts";
import { sendApiError, sendEmpty, sendJson } from "./http-util.ts";
import type { ListenerRuntime } from "./listener-runtime.ts";
import { contextJson, deviceJson, episodeJson, localTrackJson, trackJson, userJson } from "./payloads.ts";
import { positionAt } from "./playback.ts";
import { REACHABLE_PLAYS, recentlyPlayed } from "./recently-played.ts";
import type { AccessToken } from "./tokens.ts";

interface Route {
  /** null: no scope needed (GET /me works with any token, as on Spotify). */
  scope: string | null;
  handle(state: EmulatorState, listener: ListenerRuntime, url: URL, res: ServerResponse): void;
}

const ROUTES: Record<string, Record<string, Route>> = {
  "/v1/me": { GET: { scope: null, handle: getMe } },
  "/v1/me/player": {
    GET: { scope: "user-read-playback-state", handle: (s, l, u, r) => getPlayback(s, l, u, r, true) },
  },
  "/v1/me/player/currently-playing": {
    GET: { scope: "user-read-currently-playing", handle: (s, l, u, r) => getPlayback(s, l, u, r, false) },
  },
  "/v1/me/player/recently-played": { GET: { scope: "user-read-recently-played", handle: getRecentlyPlayed } },
};

const NOT_ALLOW_LISTED =
  "The user is not registered for this application. Please check your settings on https://developer.spotify.com/dashboard.";

function normalisePath(path: string): string {
  return path.length > 1 && path.endsWith("/") ? path.slice(0, -1) : path;
}

type BearerResult = { ok: true; token: AccessToken } | { ok: false; status: number; message: string };

/** Pulls the bearer string out of the header (for counting), whether or not it is valid. */
export function bearerString(req: IncomingMessage): string | null {
  const header = req.headers.authorization;
  if (!header || !/^bearer /i.test(header)) return null;
  const token = header.slice(7).trim();
  return token || null;
}

function checkBearer(state: EmulatorState, req: IncomingMessage): BearerResult {
  const header = req.headers.authorization;
  if (!header) return { ok: false, status: 401, message: "No token provided" };
  if (!/^bearer(\s|$)/i.test(header))
    return { ok: false, status: 400, message: "Only valid bearer authentication supported" };
  const text = bearerString(req);
  if (!text) return { ok: false, status: 401, message: "No token provided" };
  const token = state.tokens.access.get(text);
  // A revoked token reads like an unknown one: Spotify has forgotten it.
  if (!token || token.revoked) return { ok: false, status: 401, message: "Invalid access token" };
  if (state.now() >= token.expiresAt) return { ok: false, status: 401, message: "The access token expired" };
  return { ok: true, token };
}

/** Handles a /v1 request that got past faults. */
export function handleWebApi(
  state: EmulatorState,
  req: IncomingMessage,
  url: URL,
  res: ServerResponse,
): void {
  const methods = ROUTES[normalisePath(url.pathname)];
  if (!methods) return sendApiError(res, 404, "Service not found");
  const route = methods[req.method ?? "GET"];
  if (!route) return sendApiError(res, 405, "Method not allowed", { allow: Object.keys(methods).join(", ") });

  const auth = checkBearer(state, req);
  if (!auth.ok) return sendApiError(res, auth.status, auth.message);
  const { token } = auth;

  const decision = state.rateLimiter.check(token.clientId, state.now(), state.config.rateLimit);
  if (!decision.allowed) {
    const headers = { "retry-after": String(decision.retryAfterSec) };
    if (state.config.rateLimit?.quotaExceeded) {
      return sendJson(
        res,
        429,
        { error: { status: 429, message: "Too many requests", reason: "QUOTA_EXCEEDED" } },
        headers,
      );
    }
    return sendApiError(res, 429, "API rate limit exceeded", headers);
  }

  const listener = state.listeners.get(token.listenerId);
  if (!listener || !listener.profile.allowListed) return sendApiError(res, 403, NOT_ALLOW_LISTED);
  if (route.scope && !token.scopes.includes(route.scope))
    return sendApiError(res, 403, "Insufficient client scope");
  route.handle(state, listener, url, res);
}

function getMe(state: EmulatorState, listener: ListenerRuntime, _url: URL, res: ServerResponse): void {
  sendJson(res, 200, userJson(state.baseUrl, listener.profile));
}

function getRecentlyPlayed(
  state: EmulatorState,
  listener: ListenerRuntime,
  url: URL,
  res: ServerResponse,
): void {
  const result = recentlyPlayed(state.baseUrl, url, listener.recentPlays(state.now(), REACHABLE_PLAYS));
  if (result.status === 400) return sendApiError(res, 400, result.message);
  sendJson(res, 200, result.body);
}

function getPlayback(
  state: EmulatorState,
  listener: ListenerRuntime,
  url: URL,
  res: ServerResponse,
  withDevice: boolean,
): void {
  const now = state.now();
  const s = listener.stateAt(now);
  const cur = s.current;
  // Nothing playing (and, for /me/player, no active device): 204 with no body.
  if (s.status === "stopped" || !cur) return sendEmpty(res, 204);

  const types = (url.searchParams.get("additional_types") ?? "").split(",").map((t) => t.trim());
  const base = state.baseUrl;
  const progress = cur.kind === "ad" ? null : positionAt(s, now);
  let item: Record<string, unknown> | null = null;
  if (cur.kind === "track") item = trackJson(base, cur.track);
  else if (cur.kind === "local") item = localTrackJson(cur.local);
  else if (cur.kind === "episode" && types.includes("episode"))
    item = episodeJson(base, cur.episode, progress ?? 0);

  const disallows: Record<string, true> = s.status === "playing" ? { resuming: true } : { pausing: true };
  if (cur.kind === "ad")
    Object.assign(disallows, {
      seeking: true,
      skipping_next: true,
      skipping_prev: true,
      toggling_shuffle: true,
    });

  const p = listener.profile;
  const body = {
    ...(withDevice
      ? {
          device: deviceJson(p.device),
          shuffle_state: p.shuffle,
          smart_shuffle: false,
          repeat_state: p.repeat,
        }
      : {}),
    timestamp: s.changedAt,
    context: cur.kind === "ad" ? null : contextJson(base, s.context),
    progress_ms: progress,
    item,
    currently_playing_type: cur.kind === "local" ? "track" : cur.kind,
    actions: { disallows },
    is_playing: s.status === "playing",
  };
  sendJson(res, 200, body);
}

/** Which listener a /v1 request is for (token lookup only, expired tokens included). */
export function listenerOfApiRequest(state: EmulatorState, req: IncomingMessage): string | null {
  const text = bearerString(req);
  return text ? (state.tokens.access.get(text)?.listenerId ?? null) : null;
}
