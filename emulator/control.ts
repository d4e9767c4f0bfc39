// The test control API under /__emulator/: drive playback, move the clock, inject faults, read counters.

import type { ServerResponse } from "node:http";
import { z } from "zod";
import { MAX_CLOCK_SPEED } from "./clock.ts";
import { configUpdateSchema } from "./config.ts";
import type { EmulatorState } from "./emulator-state.ts";
import { faultRequestSchema } from "./faults.ts";
import {
  UnknownItemError,
  type ListenerRuntime,
  type LoggedPlay,
  type PlayerAction,
} from "./listener-runtime.ts";
import { durationOf, positionAt } from "./playback.ts";

const playerActionSchema = z.discriminatedUnion("action", [
  z.object({
    action: z.literal("play"),
    uri: z.string().optional(),
    positionMs: z.number().nonnegative().optional(),
    then: z.enum(["next", "stop"]).optional(),
  }),
  z.object({ action: z.literal("pause") }),
  z.object({ action: z.literal("resume") }),
  z.object({ action: z.literal("stop") }),
  z.object({ action: z.literal("skip") }),
  z.object({ action: z.literal("seek"), positionMs: z.number().nonnegative() }),
  z.object({ action: z.literal("ad"), durationMs: z.number().positive().optional() }),
  z.object({ action: z.literal("unknown") }),
  z.object({ action: z.literal("autoplay") }),
]);

const resetSchema = z.object({ seed: z.number().int().optional() });
const clockSchema = z
  .object({
    advanceMs: z.number().nonnegative().optional(),
    speed: z.number().positive().max(MAX_CLOCK_SPEED).optional(),
  })
  .strict()
  .refine((c) => c.advanceMs !== undefined || c.speed !== undefined, "advanceMs or speed is required");
const revokeSchema = z
  .object({ refreshToken: z.string().optional(), listener: z.string().optional() })
  .refine(
    (r) => r.refreshToken !== undefined || r.listener !== undefined,
    "refreshToken or listener is required",
  );

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
  res.end(text);
}

function parse<T>(schema: z.ZodType<T>, body: string, res: ServerResponse): T | undefined {
  let json: unknown;
  try {
    json = body.trim() === "" ? {} : JSON.parse(body);
  } catch {
    send(res, 400, { error: "body is not valid JSON" });
    return undefined;
  }
  const result = schema.safeParse(json);
  if (!result.success) {
    send(res, 400, { error: z.prettifyError(result.error) });
    return undefined;
  }
  return result.data;
}

export function listenerJson(state: EmulatorState, l: ListenerRuntime): Record<string, unknown> {
  const now = state.now();
  const s = l.stateAt(now);
  const cur = s.status === "stopped" ? null : s.current;
  let item: { uri: string; name: string; durationMs: number } | null = null;
  if (cur?.kind === "track")
    item = { uri: `spotify:track:${cur.track.id}`, name: cur.track.name, durationMs: cur.track.durationMs };
  else if (cur?.kind === "local")
    item = { uri: cur.local.uri, name: cur.local.name, durationMs: cur.local.durationMs };
  else if (cur?.kind === "episode")
    item = {
      uri: `spotify:episode:${cur.episode.id}`,
      name: cur.episode.name,
      durationMs: cur.episode.durationMs,
    };
  return {
    id: l.profile.id,
    state: s.status,
    kind: cur ? (cur.kind === "local" ? "track" : cur.kind) : null,
    item,
    progressMs: cur ? positionAt(s, now) : null,
    // Extras beyond the contract: the API's `timestamp`, the item's (or ad's) length, plays in history.
    timestamp: s.changedAt,
    durationMs: cur ? durationOf(cur) : null,
    playsRecorded: l.loggedPlays(now).length,
    library: {
      tracks: l.library.tracks.map((t) => ({
        id: t.id,
        uri: `spotify:track:${t.id}`,
        name: t.name,
        durationMs: t.durationMs,
      })),
      episodes: l.library.episodes.map((e) => ({
        id: e.id,
        uri: `spotify:episode:${e.id}`,
        name: e.name,
        durationMs: e.durationMs,
      })),
      localFiles: l.library.localFiles.map((f) => ({ uri: f.uri, name: f.name, durationMs: f.durationMs })),
    },
  };
}

function clockJson(state: EmulatorState): { now: number; speed: number } {
  return { now: state.now(), speed: state.clock.speed };
}

/** One logged play as GET /__emulator/listeners/:id/history lists it (times in Unix ms). */
function historyJson(p: LoggedPlay): { uri: string; playedAt: number; loggedAt: number; durationMs: number } {
  const item = p.playable;
  if (item.kind === "track")
    return {
      uri: `spotify:track:${item.track.id}`,
      playedAt: p.playedAt,
      loggedAt: p.loggedAt,
      durationMs: item.track.durationMs,
    };
  if (item.kind === "local")
    return {
      uri: item.local.uri,
      playedAt: p.playedAt,
      loggedAt: p.loggedAt,
      durationMs: item.local.durationMs,
    };
  // Only tracks and local files enter history (see finishCurrent).
  throw new Error(`unexpected ${item.kind} in history`);
}

function listenerHistory(state: EmulatorState, l: ListenerRuntime, url: URL, res: ServerResponse): void {
  const since = url.searchParams.get("since");
  if (since !== null && !/^\d+$/.test(since))
    return send(res, 400, { error: "since must be a Unix time in ms (digits only)" });
  const plays = l.loggedPlays(state.now(), since === null ? 0 : Number(since));
  return send(res, 200, plays.map(historyJson));
}

/** Handles /__emulator/*; control requests are never counted, faulted or rate limited. */
export function handleControl(
  state: EmulatorState,
  method: string,
  url: URL,
  body: string,
  res: ServerResponse,
): void {
  const path = url.pathname;
  const route = `${method} ${path.replace(/\/+$/, "")}`;
  const listenerMatch = /^\/__emulator\/listeners\/([^/]+)(\/player|\/history)?$/.exec(path);
  if (listenerMatch) {
    const listener = state.listeners.get(decodeURIComponent(listenerMatch[1] ?? ""));
    if (!listener) return send(res, 404, { error: "unknown listener" });
    const sub = listenerMatch[2];
    if (!sub && method === "GET") return send(res, 200, listenerJson(state, listener));
    if (sub === "/history" && method === "GET") return listenerHistory(state, listener, url, res);
    if (sub === "/player" && method === "POST") {
      const cmd = parse(playerActionSchema, body, res);
      if (!cmd) return;
      try {
        listener.apply(cmd as PlayerAction, state.now());
      } catch (err) {
        if (err instanceof UnknownItemError) return send(res, 400, { error: err.message });
        throw err;
      }
      return send(res, 200, listenerJson(state, listener));
    }
    return send(res, 405, { error: "method not allowed" });
  }

  switch (route) {
    case "POST /__emulator/reset": {
      const r = parse(resetSchema, body, res);
      if (!r) return;
      state.reset(r.seed);
      return send(res, 200, { ok: true, seed: state.seed });
    }
    case "GET /__emulator/listeners":
      return send(
        res,
        200,
        [...state.listeners.values()].map((l) => ({
          id: l.profile.id,
          displayName: l.profile.displayName,
          product: l.profile.product,
          allowListed: l.profile.allowListed,
        })),
      );
    case "POST /__emulator/clock": {
      const r = parse(clockSchema, body, res);
      if (!r) return;
      if (r.speed !== undefined) state.clock.setSpeed(r.speed);
      if (r.advanceMs !== undefined) state.clock.advance(r.advanceMs);
      return send(res, 200, clockJson(state));
    }
    case "GET /__emulator/clock":
      return send(res, 200, clockJson(state));
    case "POST /__emulator/faults": {
      const r = parse(faultRequestSchema, body, res);
      if (!r) return;
      return send(res, 200, { id: state.faults.add(r, state.now()) });
    }
    case "DELETE /__emulator/faults":
      state.faults.clear();
      return send(res, 200, { ok: true });
    case "GET /__emulator/config":
      return send(res, 200, state.config);
    case "POST /__emulator/config": {
      const r = parse(configUpdateSchema, body, res);
      if (!r) return;
      const error = state.updateConfig(r);
      if (error !== null) return send(res, 400, { error });
      return send(res, 200, state.config);
    }
    case "POST /__emulator/revoke": {
      const r = parse(revokeSchema, body, res);
      if (!r) return;
      return send(res, 200, { revoked: state.tokens.revoke(r) });
    }
    case "GET /__emulator/counters":
      return send(res, 200, state.counters.snapshot());
    case "POST /__emulator/counters/reset":
      state.counters.reset();
      return send(res, 200, state.counters.snapshot());
    case "GET /__emulator/tokens":
      return send(res, 200, {
        accessTokens: [...state.tokens.issuedAccess],
        refreshTokens: [...state.tokens.issuedRefresh],
      });
    default:
      return send(res, 404, { error: `no control route ${route}` });
  }
}
