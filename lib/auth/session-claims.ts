// What Earshot's session cookie holds: the person's id, their server-side session's secret, and the
// name and picture the header shows; nothing else (Spotify's tokens live in the database). Name and
// picture come from Spotify, so they are bounded here: the sealed cookie then always fits in one
// cookie (browsers drop cookies over 4 kB, and next-auth would split a longer one into name.N chunks).
import type { JWT } from "next-auth/jwt";

/** Spotify display names are 30-odd characters at most; 100 code points is ample. */
export const MAX_NAME_CODE_POINTS = 100;
/** Spotify's image URLs are under 100 characters, Facebook avatars a few hundred. */
export const MAX_PICTURE_JSON_BYTES = 1024;

type Claims = Pick<JWT, "sub" | "sid" | "name" | "picture" | "error">;

export function sessionClaims(claims: Claims): Claims {
  return {
    sub: claims.sub,
    sid: claims.sid,
    name: boundedName(claims.name),
    picture: boundedPicture(claims.picture),
    ...(claims.error ? { error: claims.error } : {}),
  };
}

/** At most 100 code points, each at most 4 bytes in the cookie's JSON. */
export function boundedName(name: string | null | undefined): string | null {
  if (!name) return null;
  // Control characters are never part of a name, and JSON escapes each one to 6 bytes.
  const cut = Array.from(name.replace(/\p{Cc}/gu, "").trim())
    .slice(0, MAX_NAME_CODE_POINTS)
    .join("");
  // A lone surrogate would be escaped to 6 bytes too; it is a broken character anyway.
  const whole = cut.replace(
    /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
    "\uFFFD",
  );
  return whole || null;
}

/** An http(s) URL no longer than the bound once in JSON, else none: a cut URL is a broken image. */
export function boundedPicture(picture: string | null | undefined): string | null {
  if (!picture) return null;
  let url: URL;
  try {
    url = new URL(picture);
  } catch {
    return null;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return null;
  // The serialized URL is ASCII (percent-encoded), so its JSON length is its byte length.
  return JSON.stringify(url.href).length - 2 <= MAX_PICTURE_JSON_BYTES ? url.href : null;
}
