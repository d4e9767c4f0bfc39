// The Accounts service: GET /authorize (consent page), POST /authorize/decision, POST /api/token.

import type { IncomingMessage, ServerResponse } from "node:http";
import { renderConsentPage } from "./consent-page.ts";
import type { EmulatorState, RegisteredClient } from "./emulator-state.ts";
import { redirect, sendJson, sendText } from "./http-util.ts";
import { LISTENER_PROFILES } from "./listeners.ts";
import { KNOWN_SCOPES, parseScopes } from "./scopes.ts";
import { CODE_LIFETIME_MS, s256, type RefreshToken } from "./tokens.ts";

/** HTTPS anywhere, or plain HTTP to a loopback literal; `localhost` is refused like Spotify does since 2025-11. */
export function isAllowedRedirectUri(uri: string | null): uri is string {
  if (!uri) return false;
  let u: URL;
  try {
    u = new URL(uri);
  } catch {
    return false;
  }
  if (u.protocol === "https:") return true;
  return u.protocol === "http:" && (u.hostname === "127.0.0.1" || u.hostname === "[::1]");
}

function withParams(uri: string, params: Record<string, string | null>): string {
  const u = new URL(uri);
  for (const [k, v] of Object.entries(params)) if (v !== null) u.searchParams.append(k, v);
  return u.toString();
}

/**
 * Checks that precede any redirect: a bad client or redirect URI gets a plain error page. Like Spotify,
 * the URI must be one the app registered, character for character.
 */
function checkClientAndRedirect(
  state: EmulatorState,
  res: ServerResponse,
  clientId: string | null,
  redirectUri: string | null,
): { client: RegisteredClient; redirectUri: string } | null {
  const client = clientId ? state.clients.get(clientId) : undefined;
  if (!client) {
    sendText(res, 400, "INVALID_CLIENT: Invalid client");
    return null;
  }
  if (!isAllowedRedirectUri(redirectUri) || !client.redirectUris.includes(redirectUri)) {
    sendText(res, 400, "INVALID_CLIENT: Invalid redirect URI");
    return null;
  }
  return { client, redirectUri };
}

/** GET /authorize */
export function handleAuthorize(state: EmulatorState, url: URL, res: ServerResponse): void {
  const q = url.searchParams;
  const checked = checkClientAndRedirect(state, res, q.get("client_id"), q.get("redirect_uri"));
  if (!checked) return;
  const stateParam = q.get("state");
  if (q.get("response_type") !== "code") {
    redirect(res, withParams(checked.redirectUri, { error: "unsupported_response_type", state: stateParam }));
    return;
  }
  const scopes = parseScopes(q.get("scope"));
  if (scopes.some((s) => !KNOWN_SCOPES.has(s))) {
    sendText(res, 400, "Illegal scope");
    return;
  }
  const challenge = q.get("code_challenge");
  const method = q.get("code_challenge_method");
  if ((challenge !== null || method !== null) && (method !== "S256" || !challenge)) {
    redirect(
      res,
      withParams(checked.redirectUri, {
        error: "invalid_request",
        error_description: "code_challenge_method must be S256",
        state: stateParam,
      }),
    );
    return;
  }
  // show_dialog is accepted but the dialog always shows: it is where the demo listener gets picked.
  const html = renderConsentPage(
    {
      clientId: checked.client.clientId,
      appName: checked.client.appName,
      redirectUri: checked.redirectUri,
      scopes,
      state: stateParam,
      codeChallenge: challenge,
      codeChallengeMethod: method,
    },
    LISTENER_PROFILES,
  );
  sendText(res, 200, html, "text/html; charset=utf-8");
}

/** POST /authorize/decision (the consent form) */
export function handleDecision(state: EmulatorState, body: string, res: ServerResponse): void {
  const form = new URLSearchParams(body);
  const checked = checkClientAndRedirect(state, res, form.get("client_id"), form.get("redirect_uri"));
  if (!checked) return;
  const stateParam = form.get("state");
  if (form.get("decision") !== "agree") {
    redirect(res, withParams(checked.redirectUri, { error: "access_denied", state: stateParam }));
    return;
  }
  const listenerId = form.get("listener");
  if (!listenerId || !state.listeners.has(listenerId)) {
    sendText(res, 400, "Unknown listener");
    return;
  }
  const scopes = parseScopes(form.get("scope"));
  if (scopes.some((s) => !KNOWN_SCOPES.has(s))) {
    sendText(res, 400, "Illegal scope");
    return;
  }
  const code = state.tokens.issueCode({
    clientId: checked.client.clientId,
    listenerId,
    scopes,
    redirectUri: checked.redirectUri,
    codeChallenge: form.get("code_challenge") || null,
    issuedAt: state.now(),
  });
  redirect(res, withParams(checked.redirectUri, { code: code.code, state: stateParam }));
}

class TokenError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string,
  ) {
    super(`${error}: ${description}`);
  }
}

const invalidGrant = (d: string) => new TokenError(400, "invalid_grant", d);

interface ClientAuth {
  clientId: string;
  /** False for a PKCE public client that sent only client_id. */
  confidential: boolean;
}

function authenticateClient(state: EmulatorState, req: IncomingMessage, form: URLSearchParams): ClientAuth {
  const header = req.headers.authorization;
  let id: string | null = null;
  let secret: string | null = null;
  if (header && /^basic /i.test(header)) {
    const decoded = Buffer.from(header.slice(6).trim(), "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    id = colon >= 0 ? decoded.slice(0, colon) : decoded;
    secret = colon >= 0 ? decoded.slice(colon + 1) : null;
    const bodyId = form.get("client_id");
    if (bodyId !== null && bodyId !== id) throw new TokenError(400, "invalid_client", "Invalid client");
  } else {
    id = form.get("client_id");
    secret = form.get("client_secret");
  }
  const client = id ? state.clients.get(id) : undefined;
  if (!client) throw new TokenError(400, "invalid_client", "Invalid client");
  if (secret === null || secret === "") return { clientId: client.clientId, confidential: false };
  if (secret !== client.clientSecret) throw new TokenError(400, "invalid_client", "Invalid client secret");
  return { clientId: client.clientId, confidential: true };
}

function tokenReply(
  state: EmulatorState,
  clientId: string,
  listenerId: string,
  scopes: string[],
  grantId: string,
  refresh: RefreshToken | null,
) {
  const lifetime = state.config.accessTokenLifetimeSec;
  const access = state.tokens.issueAccess({
    clientId,
    listenerId,
    scopes,
    expiresAt: state.now() + lifetime * 1000,
    grantId,
  });
  return {
    access_token: access.token,
    token_type: "Bearer",
    scope: scopes.join(" "),
    expires_in: lifetime,
    ...(refresh ? { refresh_token: refresh.token } : {}),
  };
}

function codeGrant(state: EmulatorState, form: URLSearchParams, auth: ClientAuth) {
  const codeText = form.get("code");
  if (!codeText) throw new TokenError(400, "invalid_request", "code must be supplied");
  const code = state.tokens.codes.get(codeText);
  if (!code || code.used || code.clientId !== auth.clientId) throw invalidGrant("Invalid authorization code");
  if (state.now() - code.issuedAt > CODE_LIFETIME_MS) throw invalidGrant("Authorization code expired");
  if (form.get("redirect_uri") !== code.redirectUri) throw invalidGrant("Invalid redirect URI");
  if (code.codeChallenge !== null) {
    const verifier = form.get("code_verifier");
    if (!verifier) throw new TokenError(400, "invalid_request", "code_verifier required");
    if (s256(verifier) !== code.codeChallenge) throw invalidGrant("code_verifier was incorrect");
  } else if (!auth.confidential) {
    // Without PKCE the client has to prove itself with its secret.
    throw new TokenError(400, "invalid_client", "Invalid client secret");
  }
  code.used = true;
  const refresh = state.tokens.issueRefresh({
    clientId: auth.clientId,
    listenerId: code.listenerId,
    scopes: code.scopes,
    authorizedAt: state.now(),
    publicClient: code.codeChallenge !== null,
    grantId: state.tokens.newGrantId(),
  });
  state.counters.codeGrant();
  return tokenReply(state, auth.clientId, code.listenerId, code.scopes, refresh.grantId, refresh);
}

function refreshGrant(state: EmulatorState, form: URLSearchParams, auth: ClientAuth) {
  const text = form.get("refresh_token");
  if (!text) throw new TokenError(400, "invalid_request", "refresh_token must be supplied");
  const rt = state.tokens.refresh.get(text);
  if (!rt || rt.clientId !== auth.clientId) throw invalidGrant("Invalid refresh token");
  if (rt.revoked) throw invalidGrant("Refresh token revoked");
  // An expired refresh token (6 months after authorization by default) reads like a revoked one:
  // that is what developers report seeing, and either way the user must sign in again.
  if (state.now() >= rt.authorizedAt + state.config.refreshTokenLifetimeSec * 1000)
    throw invalidGrant("Refresh token revoked");
  if (!auth.confidential && !rt.publicClient)
    throw new TokenError(400, "invalid_client", "Invalid client secret");
  let replacement: RefreshToken | null = null;
  if (state.config.refreshPolicy === "rotate") {
    rt.revoked = true;
    replacement = state.tokens.issueRefresh({
      clientId: rt.clientId,
      listenerId: rt.listenerId,
      scopes: rt.scopes,
      authorizedAt: rt.authorizedAt,
      publicClient: rt.publicClient,
      grantId: rt.grantId,
    });
  }
  state.counters.refreshGrant();
  return tokenReply(state, auth.clientId, rt.listenerId, rt.scopes, rt.grantId, replacement);
}

/** POST /api/token */
export function handleToken(
  state: EmulatorState,
  req: IncomingMessage,
  body: string,
  res: ServerResponse,
): void {
  try {
    const contentType = (req.headers["content-type"] ?? "").toLowerCase();
    if (!contentType.startsWith("application/x-www-form-urlencoded")) {
      throw new TokenError(415, "invalid_request", "Content-Type must be application/x-www-form-urlencoded");
    }
    const form = new URLSearchParams(body);
    const grant = form.get("grant_type");
    // Spotify says "missing" for an unknown grant type too.
    if (grant !== "authorization_code" && grant !== "refresh_token") {
      throw new TokenError(400, "unsupported_grant_type", "grant_type parameter is missing");
    }
    const auth = authenticateClient(state, req, form);
    const reply =
      grant === "authorization_code" ? codeGrant(state, form, auth) : refreshGrant(state, form, auth);
    sendJson(res, 200, reply);
  } catch (err) {
    if (!(err instanceof TokenError)) throw err;
    state.counters.tokenError();
    sendJson(res, err.status, { error: err.error, error_description: err.description });
  }
}

/** Which listener a token request is about (for listener-scoped faults), without side effects. */
export function listenerOfTokenRequest(state: EmulatorState, body: string): string | null {
  const form = new URLSearchParams(body);
  const code = form.get("code");
  if (code) return state.tokens.codes.get(code)?.listenerId ?? null;
  const rt = form.get("refresh_token");
  if (rt) return state.tokens.refresh.get(rt)?.listenerId ?? null;
  return null;
}
