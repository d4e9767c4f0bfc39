// Helpers for the emulator's own tests: a fixed-clock emulator, sign-in through the consent page, API calls.

import { createHash, randomBytes } from "node:crypto";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { controlHeaders } from "./control-guard.ts";
import { startEmulator, type EmulatorOptions, type RunningEmulator } from "./server.ts";

export const CLIENT_ID = "earshot-demo";
export const CLIENT_SECRET = "earshot-demo-secret";
export const REDIRECT_URI = "http://127.0.0.1:3999/api/auth/callback/spotify";
export const ALL_SCOPES = [
  "user-read-currently-playing",
  "user-read-playback-state",
  "user-read-recently-played",
  "user-read-private",
];
/** A fixed wall clock so timings are exact; tests move time with POST /__emulator/clock. */
export const START_MS = Date.UTC(2026, 10, 28, 12, 0, 0);

/** What an in-process emulator needs for signIn() below: REDIRECT_URI registered. */
export const TEST_EMULATOR_OPTIONS = { port: 0, redirectUris: [REDIRECT_URI] } satisfies EmulatorOptions;

export async function startTestEmulator(seed = 7): Promise<RunningEmulator> {
  return startEmulator({ ...TEST_EMULATOR_OPTIONS, seed, now: () => START_MS });
}

/**
 * One emulator for a test file: started before its tests, reset before each, closed after. The
 * handle stands for the emulator once it is up (read it inside tests and hooks only).
 */
export function emulatorForTests(seed = 7): RunningEmulator {
  let running: RunningEmulator | undefined;
  const current = () => {
    if (!running) throw new Error("the test emulator is not started yet");
    return running;
  };
  beforeAll(async () => {
    running = await startTestEmulator(seed);
  });
  afterAll(async () => {
    await running?.close();
  });
  beforeEach(async () => {
    await control(current(), "POST", "/reset", {});
  });
  return {
    get url() {
      return current().url;
    },
    get port() {
      return current().port;
    },
    get controlToken() {
      return current().controlToken;
    },
    close: () => current().close(),
  };
}

export const basicAuth = (id = CLIENT_ID, secret = CLIENT_SECRET) =>
  `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`;

export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

/** Loosely typed on purpose: the assertions are what check the JSON shapes. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export async function control<T = Json>(
  emu: Pick<RunningEmulator, "url" | "controlToken">,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const res = await fetch(`${emu.url}/__emulator${path}`, {
    method,
    headers: controlHeaders(emu.controlToken, method),
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

export interface AuthorizeOptions {
  listener?: string;
  scopes?: string[];
  state?: string | null;
  challenge?: string;
  redirectUri?: string;
  decision?: "agree" | "cancel";
}

/** Walks GET /authorize, then posts the consent form like a browser; returns the redirect Location. */
export async function authorize(emu: RunningEmulator, opts: AuthorizeOptions = {}): Promise<URL> {
  const redirectUri = opts.redirectUri ?? REDIRECT_URI;
  const q = new URLSearchParams({
    client_id: CLIENT_ID,
    response_type: "code",
    redirect_uri: redirectUri,
    scope: (opts.scopes ?? ALL_SCOPES).join(" "),
  });
  if (opts.state !== null) q.set("state", opts.state ?? "st-123");
  if (opts.challenge) {
    q.set("code_challenge_method", "S256");
    q.set("code_challenge", opts.challenge);
  }
  const page = await fetch(`${emu.url}/authorize?${q}`, { redirect: "manual" });
  if (page.status !== 200) throw new Error(`authorize: ${page.status}`);
  const html = await page.text();
  // Submit the form's hidden fields, the chosen listener and the pressed button, as a browser would.
  const form = new URLSearchParams();
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    form.set(
      m[1] ?? "",
      (m[2] ?? "")
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .replace(/&lt;/g, "<")
        .replace(/&gt;/g, ">")
        .replace(/&amp;/g, "&"),
    );
  }
  form.set("listener", opts.listener ?? "rory");
  form.set("decision", opts.decision ?? "agree");
  const decision = await fetch(`${emu.url}/authorize/decision`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: form,
  });
  if (decision.status !== 302) throw new Error(`decision: ${decision.status} ${await decision.text()}`);
  return new URL(decision.headers.get("location") ?? "");
}

export async function tokenRequest(
  emu: RunningEmulator,
  params: Record<string, string>,
  headers: Record<string, string> = { authorization: basicAuth() },
): Promise<{ status: number; body: Json }> {
  const res = await fetch(`${emu.url}/api/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams(params),
  });
  return { status: res.status, body: await res.json() };
}

export interface Tokens {
  access_token: string;
  refresh_token: string;
  scope: string;
  expires_in: number;
  token_type: string;
}

export async function signIn(emu: RunningEmulator, opts: AuthorizeOptions = {}): Promise<Tokens> {
  const location = await authorize(emu, opts);
  const code = location.searchParams.get("code");
  if (!code) throw new Error(`no code in ${location}`);
  const res = await tokenRequest(emu, {
    grant_type: "authorization_code",
    code,
    redirect_uri: opts.redirectUri ?? REDIRECT_URI,
  });
  if (res.status !== 200) throw new Error(`token: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as Tokens;
}

export async function api(emu: RunningEmulator, path: string, token: string | null): Promise<Response> {
  return fetch(`${emu.url}${path}`, { headers: token === null ? {} : { authorization: `Bearer ${token}` } });
}
