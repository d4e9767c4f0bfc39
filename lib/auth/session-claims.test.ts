// The session cookie can never outgrow one cookie: the largest claims the jwt callback can produce,
// sealed as next-auth seals them, stay under next-auth's chunking threshold and the browsers' 4 kB.
import { encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { SESSION_MAX_AGE_SECONDS } from "./accounts";
import { boundedName, boundedPicture, MAX_PICTURE_JSON_BYTES, sessionClaims } from "./session-claims";

/** next-auth v4 (SessionStore) splits a value longer than 4096 - 163 bytes into name.N chunks. */
const NEXT_AUTH_CHUNK_SIZE = 4096 - 163;
const COOKIE_NAME = "__Secure-next-auth.session-token";

async function setCookieFor(token: Record<string, unknown>) {
  const value = await encode({ token, secret: "s".repeat(64), maxAge: SESSION_MAX_AGE_SECONDS });
  const expires = new Date(Date.UTC(2099, 0, 1)).toUTCString();
  return {
    value,
    header: `${COOKIE_NAME}=${value}; Path=/; Expires=${expires}; HttpOnly; Secure; SameSite=Lax`,
  };
}

// The worst each claim can be: a 36-character id, a 43-character secret, the error flag.
const base = {
  sub: "f".repeat(36),
  sid: "s".repeat(43),
  error: "reauth_required" as const,
};
// 1,000 characters that cost the most bytes: 4-byte emoji, quotes, control characters.
const hugeName = '😀"\u0001'.repeat(250);
const hugePicture = `https://platform-lookaside.fbsbx.com/platform/profilepic/?asid=${"9".repeat(2_000)}`;

describe("the session cookie", () => {
  it("would need chunks without the bounds (so the test below can fail)", async () => {
    const { value } = await setCookieFor({ ...base, name: hugeName, picture: hugePicture });
    expect(value.length).toBeGreaterThan(NEXT_AUTH_CHUNK_SIZE);
  });

  it("never passes 4 kB, however long the name and picture Spotify sends", async () => {
    // The largest picture that is still kept: backslashes cost 2 bytes in JSON, so fill with them.
    const longestKept = `https://x.example/?${"\\".repeat((MAX_PICTURE_JSON_BYTES - 19) / 2)}`;
    const kept = boundedPicture(longestKept);
    expect(kept).not.toBeNull();
    expect(JSON.stringify(kept).length - 2).toBeLessThanOrEqual(MAX_PICTURE_JSON_BYTES);
    for (const picture of [hugePicture, longestKept]) {
      const claims = sessionClaims({ ...base, name: "😀".repeat(1_000), picture });
      const { value, header } = await setCookieFor(claims);
      expect(value.length).toBeLessThanOrEqual(NEXT_AUTH_CHUNK_SIZE);
      expect(header.length).toBeLessThan(4096);
    }
    const { header } = await setCookieFor(sessionClaims({ ...base, name: hugeName, picture: hugePicture }));
    expect(header.length).toBeLessThan(4096);
  });

  it("keeps only its own claims", () => {
    const claims = sessionClaims({ ...base, name: "Rory", picture: "https://i.scdn.co/image/ab" });
    expect(Object.keys(claims).sort()).toEqual(["error", "name", "picture", "sid", "sub"]);
  });
});

describe("boundedName", () => {
  it("keeps ordinary names and cuts long ones at 100 code points, never inside a character", () => {
    expect(boundedName("Rory")).toBe("Rory");
    expect(boundedName(null)).toBeNull();
    expect(boundedName("  \u0007 ")).toBeNull();
    expect(Array.from(boundedName("😀".repeat(150))!)).toHaveLength(100);
    expect(boundedName("a\u0000b\nc")).toBe("abc");
    expect(boundedName("x\uD800y")).toBe("x\uFFFDy");
  });
});

describe("boundedPicture", () => {
  it("keeps Spotify's image URLs and drops what is too long or not a web URL", () => {
    expect(boundedPicture("https://i.scdn.co/image/ab6775700000ee85")).toBe(
      "https://i.scdn.co/image/ab6775700000ee85",
    );
    expect(boundedPicture(hugePicture)).toBeNull();
    expect(boundedPicture("javascript:alert(1)")).toBeNull();
    expect(boundedPicture("not a url")).toBeNull();
    expect(boundedPicture(undefined)).toBeNull();
  });
});
