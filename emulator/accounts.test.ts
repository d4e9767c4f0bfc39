// Tests for the Accounts service: /authorize, the consent page, and every /api/token success and error.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "./server.ts";
import {
  ALL_SCOPES,
  CLIENT_ID,
  CLIENT_SECRET,
  REDIRECT_URI,
  api,
  authorize,
  basicAuth,
  control,
  pkcePair,
  signIn,
  emulatorForTests,
  tokenRequest,
} from "./test-support.ts";

const emu = emulatorForTests();

const authorizeUrl = (params: Record<string, string>) =>
  `${emu.url}/authorize?${new URLSearchParams({ client_id: CLIENT_ID, response_type: "code", redirect_uri: REDIRECT_URI, ...params })}`;

describe("GET /authorize", () => {
  it("renders a consent page with the scopes, labelled listener radios (first checked) and Agree/Cancel", async () => {
    const res = await fetch(authorizeUrl({ scope: "user-read-currently-playing", state: "abc" }));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/html");
    const html = await res.text();
    expect(html).toContain("<title>Earshot wants to access your Spotify account</title>");
    expect(html).toContain("user-read-currently-playing");
    for (const id of ["rory", "maya", "sam", "flick", "outsider"]) {
      expect(html).toMatch(
        new RegExp(`<input type="radio" id="listener-${id}" name="listener" value="${id}"`),
      );
      expect(html).toContain(`<label for="listener-${id}">`);
    }
    expect(html).toContain('value="rory" checked');
    expect(html).toContain("Maya Chen");
    expect(html).toMatch(/<button[^>]*value="agree"[^>]*>Agree<\/button>/);
    expect(html).toMatch(/<button[^>]*value="cancel"[^>]*>Cancel<\/button>/);
    expect(html).toContain('action="/authorize/decision"');
  });

  it("refuses an unknown client with a plain page and no redirect", async () => {
    const res = await fetch(authorizeUrl({ client_id: "nope" }), { redirect: "manual" });
    expect(res.status).toBe(400);
    expect(res.headers.get("location")).toBeNull();
    expect(await res.text()).toBe("INVALID_CLIENT: Invalid client");
  });

  it.each([
    "http://localhost:3000/cb",
    "http://example.com/cb",
    "not a url",
    // Well-formed but not registered: Spotify wants the registered URI character for character.
    "http://127.0.0.1:3998/api/auth/callback/spotify",
    `${REDIRECT_URI}/`,
    `${REDIRECT_URI}?x=1`,
    "https://earshot.example/api/auth/callback/spotify",
  ])("refuses redirect URI %s without redirecting", async (uri) => {
    const res = await fetch(authorizeUrl({ redirect_uri: uri }), { redirect: "manual" });
    expect(res.status).toBe(400);
    expect(res.headers.get("location")).toBeNull();
    expect(await res.text()).toBe("INVALID_CLIENT: Invalid redirect URI");
  });

  it("refuses an unregistered redirect URI on the consent form's decision too", async () => {
    const form = new URLSearchParams({
      client_id: CLIENT_ID,
      redirect_uri: "https://attacker.example/cb",
      listener: "rory",
      decision: "agree",
      scope: "user-read-private",
    });
    const res = await fetch(`${emu.url}/authorize/decision`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: form,
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toBe("INVALID_CLIENT: Invalid redirect URI");
  });

  describe("with the redirect URIs an app registered", () => {
    const registered = [
      "http://[::1]:8080/cb",
      "https://earshot.example/api/auth/callback/spotify",
      "http://127.0.0.1:1234/x",
    ];
    let other: RunningEmulator;
    beforeAll(async () => {
      other = await startEmulator({ port: 0, redirectUris: registered });
    });
    afterAll(() => other.close());

    it.each(registered)("accepts redirect URI %s", async (uri) => {
      const res = await fetch(authorizeUrl({ redirect_uri: uri }).replace(emu.url, other.url), {
        redirect: "manual",
      });
      expect(res.status).toBe(200);
    });

    it("refuses the ones it did not register", async () => {
      const res = await fetch(authorizeUrl({}).replace(emu.url, other.url), { redirect: "manual" });
      expect(await res.text()).toBe("INVALID_CLIENT: Invalid redirect URI");
    });
  });

  it("registers the default app's callback when not told otherwise, and refuses unusable URIs", async () => {
    const plain = await startEmulator({ port: 0 });
    try {
      const url = authorizeUrl({ redirect_uri: "http://127.0.0.1:3000/api/auth/callback/spotify" });
      expect((await fetch(url.replace(emu.url, plain.url), { redirect: "manual" })).status).toBe(200);
    } finally {
      await plain.close();
    }
    await expect(startEmulator({ port: 0, redirectUris: ["http://localhost:3000/cb"] })).rejects.toThrow(
      /https or http to 127\.0\.0\.1/,
    );
  });

  it("answers 400 Illegal scope for an unknown scope", async () => {
    const res = await fetch(authorizeUrl({ scope: "user-read-private user-read-minds" }), {
      redirect: "manual",
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toBe("Illegal scope");
  });

  it("redirects unsupported_response_type with the state", async () => {
    const res = await fetch(authorizeUrl({ response_type: "token", state: "s1" }), { redirect: "manual" });
    expect(res.status).toBe(302);
    const loc = new URL(res.headers.get("location") ?? "");
    expect(loc.searchParams.get("error")).toBe("unsupported_response_type");
    expect(loc.searchParams.get("state")).toBe("s1");
  });

  it("Agree redirects with code and state; Cancel with access_denied; no state when none was sent", async () => {
    const agreed = await authorize(emu, { state: "xyz" });
    expect(`${agreed.origin}${agreed.pathname}`).toBe(REDIRECT_URI);
    expect(agreed.searchParams.get("code")).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(agreed.searchParams.get("state")).toBe("xyz");

    const cancelled = await authorize(emu, { state: "xyz", decision: "cancel" });
    expect(cancelled.searchParams.get("error")).toBe("access_denied");
    expect(cancelled.searchParams.get("state")).toBe("xyz");
    expect(cancelled.searchParams.has("code")).toBe(false);

    const stateless = await authorize(emu, { state: null });
    expect(stateless.searchParams.has("state")).toBe(false);
    expect(stateless.searchParams.has("code")).toBe(true);
  });
});

describe("POST /api/token: authorization_code", () => {
  it("exchanges a code with Basic auth and returns the documented body", async () => {
    const code = (await authorize(emu)).searchParams.get("code") ?? "";
    const res = await tokenRequest(emu, {
      grant_type: "authorization_code",
      code,
      redirect_uri: REDIRECT_URI,
    });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body)).toEqual([
      "access_token",
      "token_type",
      "scope",
      "expires_in",
      "refresh_token",
    ]);
    expect(res.body.token_type).toBe("Bearer");
    expect(res.body.scope).toBe(ALL_SCOPES.join(" "));
    expect(res.body.expires_in).toBe(3600);
    expect(res.body.access_token).toMatch(/^BQ/);
    expect(res.body.refresh_token).toMatch(/^AQ/);
  });

  it("accepts client credentials in the body", async () => {
    const code = (await authorize(emu)).searchParams.get("code") ?? "";
    const res = await tokenRequest(
      emu,
      {
        grant_type: "authorization_code",
        code,
        redirect_uri: REDIRECT_URI,
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
      },
      {},
    );
    expect(res.status).toBe(200);
  });

  it("answers 415 to a JSON body", async () => {
    const res = await fetch(`${emu.url}/api/token`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: basicAuth() },
      body: JSON.stringify({ grant_type: "authorization_code", code: "x", redirect_uri: REDIRECT_URI }),
    });
    expect(res.status).toBe(415);
  });

  it("makes a code single use", async () => {
    const code = (await authorize(emu)).searchParams.get("code") ?? "";
    const params = { grant_type: "authorization_code", code, redirect_uri: REDIRECT_URI };
    expect((await tokenRequest(emu, params)).status).toBe(200);
    const again = await tokenRequest(emu, params);
    expect(again).toEqual({
      status: 400,
      body: { error: "invalid_grant", error_description: "Invalid authorization code" },
    });
  });

  it("expires a code after 10 minutes of the emulator clock", async () => {
    const code = (await authorize(emu)).searchParams.get("code") ?? "";
    await control(emu, "POST", "/clock", { advanceMs: 10 * 60_000 + 1 });
    const res = await tokenRequest(emu, {
      grant_type: "authorization_code",
      code,
      redirect_uri: REDIRECT_URI,
    });
    expect(res).toEqual({
      status: 400,
      body: { error: "invalid_grant", error_description: "Authorization code expired" },
    });
  });

  it("rejects a redirect_uri different from the one at /authorize", async () => {
    const code = (await authorize(emu)).searchParams.get("code") ?? "";
    const res = await tokenRequest(emu, {
      grant_type: "authorization_code",
      code,
      redirect_uri: "http://127.0.0.1:3999/other",
    });
    expect(res).toEqual({
      status: 400,
      body: { error: "invalid_grant", error_description: "Invalid redirect URI" },
    });
  });

  it("answers each documented error body", async () => {
    const code = (await authorize(emu)).searchParams.get("code") ?? "";
    const cases: [Record<string, string>, Record<string, string>, number, string, string][] = [
      [
        { grant_type: "authorization_code", redirect_uri: REDIRECT_URI },
        { authorization: basicAuth() },
        400,
        "invalid_request",
        "code must be supplied",
      ],
      [
        { grant_type: "authorization_code", code: "bogus", redirect_uri: REDIRECT_URI },
        { authorization: basicAuth() },
        400,
        "invalid_grant",
        "Invalid authorization code",
      ],
      [
        { code, redirect_uri: REDIRECT_URI },
        { authorization: basicAuth() },
        400,
        "unsupported_grant_type",
        "grant_type parameter is missing",
      ],
      [
        { grant_type: "password", code },
        { authorization: basicAuth() },
        400,
        "unsupported_grant_type",
        "grant_type parameter is missing",
      ],
      [
        { grant_type: "authorization_code", code, redirect_uri: REDIRECT_URI },
        { authorization: basicAuth("who", "x") },
        400,
        "invalid_client",
        "Invalid client",
      ],
      [
        { grant_type: "authorization_code", code, redirect_uri: REDIRECT_URI },
        { authorization: basicAuth(CLIENT_ID, "wrong") },
        400,
        "invalid_client",
        "Invalid client secret",
      ],
      [
        { grant_type: "authorization_code", code, redirect_uri: REDIRECT_URI },
        {},
        400,
        "invalid_client",
        "Invalid client",
      ],
      // A client_id without a secret is only a PKCE public client when the code had a challenge.
      [
        { grant_type: "authorization_code", code, redirect_uri: REDIRECT_URI, client_id: CLIENT_ID },
        {},
        400,
        "invalid_client",
        "Invalid client secret",
      ],
      [
        { grant_type: "refresh_token", refresh_token: "AQnope" },
        { authorization: basicAuth() },
        400,
        "invalid_grant",
        "Invalid refresh token",
      ],
    ];
    for (const [params, headers, status, error, description] of cases) {
      const res = await tokenRequest(emu, params, headers);
      expect({ params, ...res }).toEqual({ params, status, body: { error, error_description: description } });
    }
    const counters = await control(emu, "GET", "/counters");
    expect(counters.tokenErrors).toBe(cases.length);
  });
});

describe("POST /api/token: PKCE", () => {
  it("lets a public client exchange with client_id + code_verifier, and refresh the same way", async () => {
    const { verifier, challenge } = pkcePair();
    const code = (await authorize(emu, { challenge })).searchParams.get("code") ?? "";
    const res = await tokenRequest(
      emu,
      {
        grant_type: "authorization_code",
        code,
        redirect_uri: REDIRECT_URI,
        client_id: CLIENT_ID,
        code_verifier: verifier,
      },
      {},
    );
    expect(res.status).toBe(200);
    const refreshed = await tokenRequest(
      emu,
      { grant_type: "refresh_token", refresh_token: res.body.refresh_token, client_id: CLIENT_ID },
      {},
    );
    expect(refreshed.status).toBe(200);
  });

  it("rejects a wrong verifier and a missing one", async () => {
    const { challenge } = pkcePair();
    const code = (await authorize(emu, { challenge })).searchParams.get("code") ?? "";
    const base = { grant_type: "authorization_code", code, redirect_uri: REDIRECT_URI, client_id: CLIENT_ID };
    expect(await tokenRequest(emu, base, {})).toEqual({
      status: 400,
      body: { error: "invalid_request", error_description: "code_verifier required" },
    });
    expect(await tokenRequest(emu, { ...base, code_verifier: pkcePair().verifier }, {})).toEqual({
      status: 400,
      body: { error: "invalid_grant", error_description: "code_verifier was incorrect" },
    });
  });

  it("still checks the verifier when a confidential client sends its secret too", async () => {
    const { verifier, challenge } = pkcePair();
    const code = (await authorize(emu, { challenge })).searchParams.get("code") ?? "";
    const res = await tokenRequest(emu, {
      grant_type: "authorization_code",
      code,
      redirect_uri: REDIRECT_URI,
      code_verifier: verifier,
    });
    expect(res.status).toBe(200);
  });
});

describe("POST /api/token: refresh_token", () => {
  it("under 'keep' omits refresh_token and the old one keeps working", async () => {
    const tokens = await signIn(emu);
    const first = await tokenRequest(emu, {
      grant_type: "refresh_token",
      refresh_token: tokens.refresh_token,
    });
    expect(first.status).toBe(200);
    expect(Object.keys(first.body)).toEqual(["access_token", "token_type", "scope", "expires_in"]);
    expect(first.body.access_token).not.toBe(tokens.access_token);
    const second = await tokenRequest(emu, {
      grant_type: "refresh_token",
      refresh_token: tokens.refresh_token,
    });
    expect(second.status).toBe(200);
    // The new access token works for the same listener.
    const me = await (await api(emu, "/v1/me", first.body.access_token)).json();
    expect(me.id).toBe("rory");
    expect((await control(emu, "GET", "/counters")).refreshGrants).toBe(2);
  });

  it("under 'rotate' returns a new refresh token and revokes the old one at once", async () => {
    await control(emu, "POST", "/config", { refreshPolicy: "rotate" });
    const tokens = await signIn(emu);
    const rotated = await tokenRequest(emu, {
      grant_type: "refresh_token",
      refresh_token: tokens.refresh_token,
    });
    expect(rotated.status).toBe(200);
    expect(rotated.body.refresh_token).toMatch(/^AQ/);
    expect(rotated.body.refresh_token).not.toBe(tokens.refresh_token);
    expect(
      await tokenRequest(emu, { grant_type: "refresh_token", refresh_token: tokens.refresh_token }),
    ).toEqual({
      status: 400,
      body: { error: "invalid_grant", error_description: "Refresh token revoked" },
    });
    expect(
      (await tokenRequest(emu, { grant_type: "refresh_token", refresh_token: rotated.body.refresh_token }))
        .status,
    ).toBe(200);
    const issued = await control(emu, "GET", "/tokens");
    expect(issued.refreshTokens).toEqual([
      tokens.refresh_token,
      rotated.body.refresh_token,
      expect.any(String),
    ]);
    expect(issued.accessTokens).toContain(rotated.body.access_token);
  });

  it("revokes one refresh token or all of a listener's through the control API", async () => {
    const a = await signIn(emu);
    const b = await signIn(emu);
    const maya = await signIn(emu, { listener: "maya" });
    expect(await control(emu, "POST", "/revoke", { refreshToken: a.refresh_token })).toEqual({ revoked: 1 });
    expect(
      (await tokenRequest(emu, { grant_type: "refresh_token", refresh_token: a.refresh_token })).body
        .error_description,
    ).toBe("Refresh token revoked");
    expect(
      (await tokenRequest(emu, { grant_type: "refresh_token", refresh_token: b.refresh_token })).status,
    ).toBe(200);
    await control(emu, "POST", "/revoke", { listener: "rory" });
    expect(
      (await tokenRequest(emu, { grant_type: "refresh_token", refresh_token: b.refresh_token })).status,
    ).toBe(400);
    expect(
      (await tokenRequest(emu, { grant_type: "refresh_token", refresh_token: maya.refresh_token })).status,
    ).toBe(200);
  });

  it("revoking kills the access tokens already issued, not only the refresh token", async () => {
    const a = await signIn(emu);
    const b = await signIn(emu);
    const maya = await signIn(emu, { listener: "maya" });
    const refreshed = await tokenRequest(emu, {
      grant_type: "refresh_token",
      refresh_token: a.refresh_token,
    });
    expect((await api(emu, "/v1/me", a.access_token)).status).toBe(200);

    await control(emu, "POST", "/revoke", { refreshToken: a.refresh_token });
    for (const token of [a.access_token, refreshed.body.access_token as string]) {
      const res = await api(emu, "/v1/me", token);
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ error: { status: 401, message: "Invalid access token" } });
    }
    // Another authorization of the same listener is untouched by a revoke of one refresh token...
    expect((await api(emu, "/v1/me", b.access_token)).status).toBe(200);
    // ...but not by a revoke of the whole listener.
    await control(emu, "POST", "/revoke", { listener: "rory" });
    expect((await api(emu, "/v1/me", b.access_token)).status).toBe(401);
    expect((await api(emu, "/v1/me", maya.access_token)).status).toBe(200);
  });

  it("revoking a rotated-away refresh token ends its replacement too: it is one authorization", async () => {
    await control(emu, "POST", "/config", { refreshPolicy: "rotate" });
    const tokens = await signIn(emu);
    const rotated = await tokenRequest(emu, {
      grant_type: "refresh_token",
      refresh_token: tokens.refresh_token,
    });
    expect(await control(emu, "POST", "/revoke", { refreshToken: tokens.refresh_token })).toEqual({
      revoked: 1,
    });
    expect(
      (await tokenRequest(emu, { grant_type: "refresh_token", refresh_token: rotated.body.refresh_token }))
        .body.error_description,
    ).toBe("Refresh token revoked");
    expect((await api(emu, "/v1/me", rotated.body.access_token)).status).toBe(401);
  });

  it("expires refresh tokens a configurable time after the original authorization, refreshes notwithstanding", async () => {
    await control(emu, "POST", "/config", { refreshTokenLifetimeSec: 100, refreshPolicy: "rotate" });
    const tokens = await signIn(emu);
    await control(emu, "POST", "/clock", { advanceMs: 60_000 });
    const rotated = await tokenRequest(emu, {
      grant_type: "refresh_token",
      refresh_token: tokens.refresh_token,
    });
    expect(rotated.status).toBe(200);
    await control(emu, "POST", "/clock", { advanceMs: 40_000 });
    expect(
      await tokenRequest(emu, { grant_type: "refresh_token", refresh_token: rotated.body.refresh_token }),
    ).toEqual({
      status: 400,
      body: { error: "invalid_grant", error_description: "Refresh token revoked" },
    });
  });

  it("defaults to six months of refresh-token life", async () => {
    const config = await control(emu, "GET", "/config");
    expect(config.refreshTokenLifetimeSec).toBeGreaterThanOrEqual(180 * 86400);
    const tokens = await signIn(emu);
    await control(emu, "POST", "/clock", { advanceMs: 170 * 86400_000 });
    expect(
      (await tokenRequest(emu, { grant_type: "refresh_token", refresh_token: tokens.refresh_token })).status,
    ).toBe(200);
    await control(emu, "POST", "/clock", { advanceMs: 20 * 86400_000 });
    expect(
      (await tokenRequest(emu, { grant_type: "refresh_token", refresh_token: tokens.refresh_token })).status,
    ).toBe(400);
  });

  it("uses the configured access-token lifetime", async () => {
    await control(emu, "POST", "/config", { accessTokenLifetimeSec: 60 });
    const tokens = await signIn(emu);
    expect(tokens.expires_in).toBe(60);
  });
});
