import { describe, expect, it } from "vitest";
import { ApiError, ERROR_POLICY, isErrorCode } from "./errors";

describe("ERROR_POLICY", () => {
  it("gives each bare status at most one code, so a status never means two things", () => {
    const bare = Object.values(ERROR_POLICY)
      .filter((policy) => policy.bareStatus)
      .map((policy) => policy.status);
    expect(new Set(bare).size).toBe(bare.length);
  });

  it("asks for a sign-in only on 401s, and never retries them", () => {
    for (const policy of Object.values(ERROR_POLICY)) {
      if (policy.needsSignIn) expect(policy).toMatchObject({ status: 401, retry: "never" });
    }
  });

  it("is where an ApiError's status comes from", () => {
    expect(new ApiError("reauth_required", "x").status).toBe(401);
    expect(new ApiError("upstream_timeout", "x").status).toBe(504);
  });
});

describe("isErrorCode", () => {
  it("accepts the server's codes and nothing else, not even the browser's own", () => {
    expect(isErrorCode("rate_limited")).toBe(true);
    expect(isErrorCode("network_error")).toBe(false);
    expect(isErrorCode("toString")).toBe(false);
    expect(isErrorCode(429)).toBe(false);
  });
});
