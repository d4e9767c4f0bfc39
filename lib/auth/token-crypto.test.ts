// Sealed tokens open only with the same secret, for the same person, with a whole tag.
import { describe, expect, it } from "vitest";
import { openToken, sealToken } from "./token-crypto";

const secret = "s".repeat(40);

describe("sealed tokens", () => {
  it("open with the same secret and owner, and never read like the token", () => {
    const sealed = sealToken("BQ-access-token", "user-1", secret);
    expect(sealed).not.toContain("BQ-access-token");
    expect(sealed).not.toBe(sealToken("BQ-access-token", "user-1", secret)); // a fresh IV each time
    expect(openToken(sealed, "user-1", secret)).toBe("BQ-access-token");
  });

  it("do not open for another person, another secret, a changed byte or a truncated tag", () => {
    const sealed = sealToken("BQ-access-token", "user-1", secret);
    expect(openToken(sealed, "user-2", secret)).toBeNull();
    expect(openToken(sealed, "user-1", "t".repeat(40))).toBeNull();
    const [version, iv, body, tag] = sealed.split(".");
    const flipped = Buffer.from(body!, "base64url");
    flipped[0] = flipped[0]! ^ 1;
    expect(
      openToken([version, iv, flipped.toString("base64url"), tag].join("."), "user-1", secret),
    ).toBeNull();
    const short = Buffer.from(tag!, "base64url").subarray(0, 4).toString("base64url");
    expect(openToken([version, iv, body, short].join("."), "user-1", secret)).toBeNull();
    expect(openToken("plain-token", "user-1", secret)).toBeNull();
  });
});
