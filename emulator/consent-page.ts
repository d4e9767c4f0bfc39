// The HTML consent page of GET /authorize: pick a demo listener, then Agree or Cancel.

import { escapeHtml } from "./http-util.ts";
import type { ListenerProfile } from "./listeners.ts";
import { SCOPE_DESCRIPTIONS } from "./scopes.ts";

export interface ConsentRequest {
  clientId: string;
  appName: string;
  redirectUri: string;
  scopes: string[];
  /** null: the request had no state, so the redirect must not carry one. */
  state: string | null;
  codeChallenge: string | null;
  codeChallengeMethod: string | null;
}

function hidden(name: string, value: string): string {
  return `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`;
}

export function renderConsentPage(req: ConsentRequest, listeners: readonly ListenerProfile[]): string {
  const title = `${req.appName} wants to access your Spotify account`;
  const scopeItems = req.scopes.length
    ? req.scopes
        .map(
          (s) =>
            `<li><span class="scope-desc">${escapeHtml(SCOPE_DESCRIPTIONS[s] ?? s)}</span> <code>${escapeHtml(s)}</code></li>`,
        )
        .join("")
    : `<li>Only your public profile information</li>`;
  const listenerItems = listeners
    .map(
      (l, i) =>
        `<li><input type="radio" id="listener-${escapeHtml(l.id)}" name="listener" value="${escapeHtml(l.id)}"${i === 0 ? " checked" : ""}>` +
        `<label for="listener-${escapeHtml(l.id)}"><span class="name">${escapeHtml(l.displayName)}</span>` +
        `<span class="meta">${escapeHtml(l.id)} · ${l.product === "premium" ? "Premium" : "Free"}</span></label></li>`,
    )
    .join("");
  const fields = [
    hidden("client_id", req.clientId),
    hidden("redirect_uri", req.redirectUri),
    hidden("scope", req.scopes.join(" ")),
    req.state !== null ? hidden("state", req.state) : "",
    req.codeChallenge !== null ? hidden("code_challenge", req.codeChallenge) : "",
    req.codeChallengeMethod !== null ? hidden("code_challenge_method", req.codeChallengeMethod) : "",
  ].join("");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
  :root { color-scheme: dark; }
  * { box-sizing: border-box; }
  body { margin: 0; min-height: 100vh; display: grid; place-items: center; padding: 24px;
    font-family: "Helvetica Neue", Helvetica, Arial, sans-serif; color: #fff;
    background: linear-gradient(180deg, #1f3d2b 0%, #121212 55%); }
  main { width: 100%; max-width: 460px; background: #181818; border-radius: 12px; padding: 32px;
    box-shadow: 0 16px 48px rgba(0,0,0,.5); }
  .brand { display: flex; align-items: center; gap: 10px; font-weight: 700; font-size: 15px; margin-bottom: 24px; }
  .logo { width: 32px; height: 32px; border-radius: 50%; background: #1ed760; display: grid; place-items: center; color: #000; }
  h1 { font-size: 24px; line-height: 1.25; margin: 0 0 8px; }
  p.lead { color: #b3b3b3; margin: 0 0 20px; font-size: 14px; }
  h2 { font-size: 13px; text-transform: uppercase; letter-spacing: .08em; color: #b3b3b3; margin: 20px 0 10px; }
  ul { list-style: none; margin: 0; padding: 0; }
  .scopes li { padding: 8px 0; border-bottom: 1px solid #2a2a2a; font-size: 14px; }
  .scopes code { display: block; color: #7f7f7f; font-size: 12px; margin-top: 2px; }
  .listeners li { display: flex; align-items: center; gap: 12px; margin-bottom: 8px; padding: 12px 14px;
    border-radius: 8px; border: 1px solid #3e3e3e; }
  .listeners li:has(input:checked) { border-color: #1ed760; background: rgba(30,215,96,.08); }
  .listeners input { width: 18px; height: 18px; margin: 0; accent-color: #1ed760; cursor: pointer; }
  .listeners label { display: flex; flex-direction: column; flex: 1; cursor: pointer; }
  .name { font-weight: 700; }
  .meta { color: #a7a7a7; font-size: 12px; margin-top: 2px; }
  .actions { display: flex; gap: 12px; margin-top: 28px; }
  button { flex: 1; border: 0; border-radius: 999px; padding: 14px; font-size: 15px; font-weight: 700; cursor: pointer; }
  button[value="agree"] { background: #1ed760; color: #000; }
  button[value="agree"]:hover { background: #3be477; }
  button[value="cancel"] { background: transparent; color: #fff; border: 1px solid #727272; }
  .note { color: #7f7f7f; font-size: 12px; margin-top: 20px; }
</style>
</head>
<body>
<main>
  <div class="brand"><span class="logo" aria-hidden="true">&#9835;</span> Spotify emulator</div>
  <h1>${escapeHtml(title)}</h1>
  <p class="lead">Choose which demo listener signs in, then agree to let ${escapeHtml(req.appName)} use your data.</p>
  <form method="post" action="/authorize/decision">
    ${fields}
    <h2>${escapeHtml(req.appName)} will be able to</h2>
    <ul class="scopes">${scopeItems}</ul>
    <fieldset style="border:0;padding:0;margin:0">
      <legend><h2>Sign in as</h2></legend>
      <ul class="listeners">${listenerItems}</ul>
    </fieldset>
    <div class="actions">
      <button type="submit" name="decision" value="cancel">Cancel</button>
      <button type="submit" name="decision" value="agree">Agree</button>
    </div>
  </form>
  <p class="note">You can remove this access at any time (in the emulator: POST /__emulator/revoke).</p>
</main>
</body>
</html>`;
}
