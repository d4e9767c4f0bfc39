// GET /share/<secret>/card.svg: the now-playing card for a README. An SVG with the cover embedded;
// cached by browsers and GitHub's image proxy for 30 s (so it refreshes within about a minute), with
// an ETag so that an unchanged card costs a 304. Drawing it reads the link's feed, which asks Spotify
// only when its last answer can no longer be right: 100 requests a minute cost what one does.
import { createHash } from "node:crypto";
import { errorResponse, methodNotAllowed } from "@/lib/api/route-handler";
import { NOINDEX } from "@/lib/security-headers";
import { drawCard, openLink } from "@/lib/share/share-service";

export const dynamic = "force-dynamic";

/** Opened on its own, the SVG may show its embedded cover and inline styles, and run nothing. */
const CARD_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; frame-ancestors 'none'";

export async function GET(request: Request, { params }: { params: Promise<{ secret: string }> }) {
  try {
    const { secret } = await params;
    const svg = await drawCard(secret, await openLink(secret));
    const etag = `"${createHash("sha256").update(svg).digest("base64url").slice(0, 27)}"`;
    const headers = {
      "Content-Type": "image/svg+xml; charset=utf-8",
      "Cache-Control": "public, max-age=30",
      ETag: etag,
      "Content-Security-Policy": CARD_CSP,
      "X-Content-Type-Options": "nosniff",
      "X-Robots-Tag": NOINDEX,
    };
    if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
    return new Response(svg, { headers });
  } catch (error) {
    return errorResponse(error);
  }
}

export {
  methodNotAllowed as POST,
  methodNotAllowed as PUT,
  methodNotAllowed as PATCH,
  methodNotAllowed as DELETE,
};
