import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiClientError, apiFetch, codeFromStatus, errorFromResponse } from "./api-fetch";

afterEach(() => vi.unstubAllGlobals());

describe("errorFromResponse", () => {
  it("reads the server's error JSON", () => {
    const body = JSON.stringify({
      error: { code: "rate_limited", message: "Slow down", retryAfterSeconds: 7 },
    });
    const error = errorFromResponse(429, "9", body);
    expect(error).toBeInstanceOf(ApiClientError);
    expect(error).toMatchObject({
      status: 429,
      code: "rate_limited",
      message: "Slow down",
      retryAfterSeconds: 7,
    });
  });

  it("takes Retry-After from the header when the body has none", () => {
    const body = JSON.stringify({ error: { code: "rate_limited", message: "Slow down" } });
    expect(errorFromResponse(429, "9", body).retryAfterSeconds).toBe(9);
  });

  it("falls back to the status when the body is not ours", () => {
    expect(errorFromResponse(502, null, "<html>Bad gateway</html>")).toMatchObject({
      code: "upstream_error",
      retryAfterSeconds: null,
    });
    expect(errorFromResponse(401, null, "")).toMatchObject({ code: "unauthenticated" });
    expect(errorFromResponse(403, null, "{}")).toMatchObject({ code: "spotify_forbidden" });
    expect(
      errorFromResponse(400, null, JSON.stringify({ error: { code: "nonsense", message: 3 } })),
    ).toMatchObject({
      code: "invalid_request",
      message: "Request failed (400)",
    });
  });

  it("keeps reauth_required distinct from unauthenticated", () => {
    expect(
      errorFromResponse(401, null, JSON.stringify({ error: { code: "reauth_required", message: "Sign in" } }))
        .code,
    ).toBe("reauth_required");
  });

  it("maps bare statuses", () => {
    expect([400, 401, 403, 404, 405, 429, 500, 502, 503, 504].map(codeFromStatus)).toEqual([
      "invalid_request",
      "unauthenticated",
      "spotify_forbidden",
      "not_found",
      "method_not_allowed",
      "rate_limited",
      "upstream_error",
      "upstream_error",
      "upstream_error",
      "upstream_timeout",
    ]);
  });
});

describe("apiFetch", () => {
  it("asks same-origin, uncached, and returns the JSON", async () => {
    const fetchMock = vi.fn(async () => new Response(JSON.stringify({ ok: 1 }), { status: 200 }));
    vi.stubGlobal("fetch", fetchMock);
    await expect(apiFetch("/api/x")).resolves.toEqual({ ok: 1 });
    expect(fetchMock).toHaveBeenCalledWith(
      "/api/x",
      expect.objectContaining({ credentials: "same-origin", cache: "no-store" }),
    );
  });

  it("throws the typed error on non-2xx", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(
        async () =>
          new Response(JSON.stringify({ error: { code: "upstream_timeout", message: "Slow" } }), {
            status: 504,
          }),
      ),
    );
    await expect(apiFetch("/api/x")).rejects.toMatchObject({ status: 504, code: "upstream_timeout" });
  });

  it("turns a failed request into network_error, but lets aborts through", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => Promise.reject(new TypeError("Failed to fetch"))),
    );
    await expect(apiFetch("/api/x")).rejects.toMatchObject({ status: 0, code: "network_error" });
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => Promise.reject(new DOMException("aborted", "AbortError"))),
    );
    await expect(apiFetch("/api/x")).rejects.toMatchObject({ name: "AbortError" });
  });
});
