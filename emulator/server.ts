// The emulator's HTTP server: routes Accounts, Web API, images and control requests; applies faults and counters.

import { randomBytes } from "node:crypto";
import { createServer, STATUS_CODES, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import {
  handleAuthorize,
  handleDecision,
  handleToken,
  isAllowedRedirectUri,
  listenerOfTokenRequest,
} from "./accounts.ts";
import { checkControlRequest } from "./control-guard.ts";
import { buildDataExport } from "./data-export.ts";
import { handleControl } from "./control.ts";
import { DEFAULT_REDIRECT_URIS, DEFAULT_SEED, demoClient, EmulatorState } from "./emulator-state.ts";
import type { Fault } from "./faults.ts";
import { API_JSON_HEADERS, readBody, sendApiError, sendJson, sendText } from "./http-util.ts";
import { serveImage } from "./images.ts";
import { bearerString, handleWebApi, listenerOfApiRequest } from "./web-api.ts";

export interface EmulatorOptions {
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  seed?: number;
  /** Clock source in ms; defaults to Date.now. The control API's clock offset is added on top. */
  now?: () => number;
  /** The demo client's registered redirect URIs (default: the app's on http://127.0.0.1:3000). */
  redirectUris?: readonly string[];
  /** The control API's token (header x-emulator-token); default: a random one per start. */
  controlToken?: string;
  /** Extra listeners for load tests, `crowd-001`… (default none). */
  crowd?: number;
}

export interface RunningEmulator {
  url: string;
  port: number;
  /** What control requests must send in x-emulator-token. */
  controlToken: string;
  close(): Promise<void>;
}

/** setTimeout's ceiling; a longer "delay" fault simply hangs until the emulator closes. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const redirectUris = options.redirectUris ?? DEFAULT_REDIRECT_URIS;
  // Spotify's dashboard refuses to register these too; better a clear error now than a refusal later.
  const unusable = redirectUris.filter((uri) => !isAllowedRedirectUri(uri));
  if (unusable.length > 0) {
    throw new Error(`Redirect URIs must be https or http to 127.0.0.1/[::1]: ${unusable.join(", ")}`);
  }
  const controlToken = options.controlToken ?? randomBytes(24).toString("base64url");
  if (controlToken.length < 16) throw new Error("The emulator's control token needs 16+ characters");
  const state = new EmulatorState(
    options.seed ?? DEFAULT_SEED,
    options.now,
    demoClient(redirectUris),
    options.crowd,
  );
  const host = options.host ?? "127.0.0.1";
  const timers = new Set<NodeJS.Timeout>();

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(
        () => {
          timers.delete(t);
          resolve();
        },
        Math.min(ms, MAX_TIMER_MS),
      );
      timers.add(t);
    });

  const server = createServer((req, res) => {
    handle(state, req, res, sleep, controlToken).catch((err: unknown) => {
      console.error("[emulator] request failed:", err);
      if (!res.headersSent) sendApiError(res, 500, "Internal emulator error");
      else res.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  state.baseUrl = url;

  return {
    url,
    port,
    controlToken,
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const t of timers) clearTimeout(t);
        timers.clear();
        server.close((err) => (err ? reject(err) : resolve()));
        // Hanging (delayed) and keep-alive connections would otherwise hold close() open.
        server.closeAllConnections();
      }),
  };
}

async function handle(
  state: EmulatorState,
  req: IncomingMessage,
  res: ServerResponse,
  sleep: (ms: number) => Promise<void>,
  controlToken: string,
): Promise<void> {
  const url = new URL(req.url ?? "/", state.baseUrl);
  const path = url.pathname;
  const method = req.method ?? "GET";
  const body = await readBody(req);

  if (path.startsWith("/__emulator/")) {
    const refused = checkControlRequest(
      method,
      req.headers,
      Number(new URL(state.baseUrl).port),
      controlToken,
    );
    if (refused)
      return sendJson(res, refused.status, { error: refused.error }, { "cache-control": "no-store" });
    return handleControl(state, method, url, body, res);
  }
  // Browsers ask every page's origin for an icon; Spotify's consent page has one, so answer quietly.
  if (path === "/favicon.ico") {
    res.writeHead(204, { "cache-control": "public, max-age=86400" });
    res.end();
    return;
  }
  if (path === "/authorize") {
    return method === "GET" ? handleAuthorize(state, url, res) : sendText(res, 405, "Method not allowed");
  }
  if (path === "/authorize/decision") {
    return method === "POST" ? handleDecision(state, body, res) : sendText(res, 405, "Method not allowed");
  }
  // A demo listener's privacy export (emulator/data-export.ts): not Web API traffic, never counted.
  const dataExport = /^\/demo-export\/([^/]+)\.zip$/.exec(path);
  if (dataExport && method === "GET") {
    const listener = state.listeners.get(decodeURIComponent(dataExport[1] ?? ""));
    if (!listener) return sendText(res, 404, "No such demo listener");
    const zip = buildDataExport(listener, state.now());
    res.writeHead(200, {
      "content-type": "application/zip",
      "content-length": String(zip.length),
      "content-disposition": 'attachment; filename="my_spotify_data.zip"',
      "cache-control": "no-store",
    });
    res.end(zip);
    return;
  }
  const image = /^\/images\/([^/]+)\/([^/]+)$/.exec(path);
  if (image && method === "GET")
    return serveImage(state, res, decodeURIComponent(image[1] ?? ""), image[2] ?? "");

  const isToken = path === "/api/token";
  const isApi = path === "/v1" || path.startsWith("/v1/");
  if (!isToken && !isApi) return sendApiError(res, 404, "Service not found");

  // From here on: "upstream" traffic that tests count, fault and rate limit.
  state.counters.request(method, path);
  let listenerId: string | null;
  if (isApi) {
    const bearer = bearerString(req);
    if (bearer) state.counters.accessToken(bearer);
    listenerId = listenerOfApiRequest(state, req);
    if (listenerId) state.counters.upstream(listenerId);
  } else {
    listenerId = listenerOfTokenRequest(state, body);
  }

  const fault = state.faults.take(path, listenerId, state.now());
  if (fault) {
    const done = await applyFault(fault, isApi, req, res, sleep);
    if (done) return countIfRateLimited(state, res);
  }
  if (res.destroyed) return;

  if (isToken) {
    if (method === "POST") handleToken(state, req, body, res);
    else sendJson(res, 405, { error: "invalid_request", error_description: "Method not allowed" });
  } else {
    handleWebApi(state, req, url, res);
  }
  countIfRateLimited(state, res);
}

function countIfRateLimited(state: EmulatorState, res: ServerResponse): void {
  if (res.statusCode === 429) state.counters.rateLimitedResponse();
}

/** Returns true when the fault produced the whole response (false: serve normally after a delay). */
async function applyFault(
  fault: Fault,
  isApi: boolean,
  req: IncomingMessage,
  res: ServerResponse,
  sleep: (ms: number) => Promise<void>,
): Promise<boolean> {
  if ("status" in fault) {
    const { status } = fault;
    const headers = fault.headers ?? {};
    if (status === 204 || status === 304) {
      res.writeHead(status, headers);
      res.end();
    } else if (typeof fault.body === "string") {
      res.writeHead(status, { "content-type": "text/plain; charset=utf-8", ...headers });
      res.end(fault.body);
    } else {
      const reason = STATUS_CODES[status] ?? "Error";
      const body =
        fault.body !== undefined
          ? fault.body
          : isApi
            ? { error: { status, message: reason } }
            : { error: "server_error", error_description: reason };
      sendJson(res, status, body, headers);
    }
    return true;
  }
  switch (fault.kind) {
    case "delay":
      await sleep(fault.ms);
      return false;
    case "malformed": {
      const text = '{"timestamp":1764331200000,"context":{"type":"album","uri":"spotify:album:';
      res.writeHead(200, { ...API_JSON_HEADERS, "content-length": Buffer.byteLength(text) });
      res.end(text);
      return true;
    }
    case "reset":
      req.socket.destroy();
      return true;
  }
}
