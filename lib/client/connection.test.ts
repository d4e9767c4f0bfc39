import { describe, expect, it } from "vitest";
import { ApiClientError } from "./api-fetch";
import { describeConnection, needsListener, secondsUntil } from "./connection";

const err = (status: number, code: ApiClientError["code"], retry: number | null = null) =>
  new ApiClientError(status, code, `msg ${code}`, retry, 1_000);

describe("describeConnection", () => {
  it("is quiet when all is well", () => {
    expect(describeConnection([null, undefined])).toBeNull();
  });

  it("puts a needed sign-in first", () => {
    expect(describeConnection([err(502, "upstream_error"), err(401, "reauth_required")])).toEqual({
      kind: "reauth",
    });
    expect(describeConnection([], true)).toEqual({ kind: "reauth" });
  });

  it("shows the allow-list message", () => {
    expect(describeConnection([err(429, "rate_limited", 5), err(403, "spotify_forbidden")])).toEqual({
      kind: "forbidden",
      message: "msg spotify_forbidden",
    });
  });

  it("counts down a rate limit from when it arrived", () => {
    const notice = describeConnection([err(429, "rate_limited", 12)]);
    expect(notice).toEqual({ kind: "rate_limited", resumeAt: 13_000, retryAfterSeconds: 12 });
    expect(secondsUntil(13_000, 1_500)).toBe(12);
    expect(secondsUntil(13_000, 20_000)).toBe(0);
  });

  it("reconnects on anything else", () => {
    expect(describeConnection([err(504, "upstream_timeout")])).toEqual({
      kind: "reconnecting",
      offline: false,
    });
    expect(describeConnection([err(0, "network_error")])).toEqual({ kind: "reconnecting", offline: true });
  });
});

describe("needsListener", () => {
  it("is true only for what the listener must act on", () => {
    expect(needsListener(err(401, "reauth_required"))).toBe(true);
    expect(needsListener(err(403, "spotify_forbidden"))).toBe(true);
    expect(needsListener(err(429, "rate_limited", 3))).toBe(false);
    expect(needsListener(err(502, "upstream_error"))).toBe(false);
    expect(needsListener(null)).toBe(false);
  });
});
