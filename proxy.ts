// Runs before every page and API request: gives each response a Content-Security-Policy with a fresh
// script nonce (Next.js applies the nonce to its own scripts when it finds it in the request), and
// HSTS when the app is served over https. Authentication is NOT decided here: every route handler
// and protected page checks the session itself.
import { type NextRequest, NextResponse } from "next/server";
import { expiredCookie, isSessionCookieChunk } from "@/lib/auth/cookie-names";
import { type AppConfig, parseConfig } from "@/lib/config/env";
import { REQUEST_PATH_HEADER } from "@/lib/request-path";
import { perRequestSecurityHeaders } from "@/lib/security-headers";

let appConfig: AppConfig | undefined;

export function proxy(request: NextRequest) {
  appConfig ??= parseConfig(process.env);
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const headers = perRequestSecurityHeaders(appConfig, nonce, {
    dev: process.env.NODE_ENV === "development",
    https: request.nextUrl.protocol === "https:",
    path: request.nextUrl.pathname,
  });

  // Next.js finds the nonce in the request's CSP header and puts it on its own scripts.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("Content-Security-Policy", headers["Content-Security-Policy"]!);
  // The signed-in pages' gate sends a signed-out visitor back here after sign-in; a layout cannot see
  // the URL otherwise. Set, never appended: whatever the browser sent under this name is dropped.
  requestHeaders.set(REQUEST_PATH_HEADER, request.nextUrl.pathname);
  // next-auth joins every name.N chunk to the session cookie it reads, so one stale chunk would spoil
  // a good session: next-auth's routes see the whole cookie alone.
  const cookie = request.headers.get("cookie");
  if (cookie !== null) {
    const kept = cookie.split(/;\s*/).filter((pair) => !isSessionCookieChunk(pair.split("=")[0]!.trim()));
    requestHeaders.set("cookie", kept.join("; "));
  }
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  // Session chunks (name.N) are never Earshot's own (lib/auth/cookie-names.ts): clear leftovers.
  for (const { name } of request.cookies.getAll()) {
    if (isSessionCookieChunk(name)) response.cookies.set(expiredCookie(name));
  }
  return response;
}

export const config = {
  // Static build assets carry a fixed policy from next.config.mjs, and the JSON routes under /api/
  // theirs from lib/api/route-handler.ts: they need no nonce, and skipping the proxy keeps the hot
  // path short. Excluded by prefix, so that a new JSON route cannot be forgotten here. The one
  // exception is next-auth's /api/auth/*, which does not answer through route-handler.ts (it
  // redirects, and can render pages), so it keeps the proxy's headers. The static files of public/
  // (robots.txt, the web app manifest, icons) are no pages either: next.config.mjs gives them theirs,
  // and neither are a share link's event stream and card, which set their own (app/share/).
  matcher: [
    "/((?!api/(?!auth/)|_next/static|_next/image|favicon.ico|robots\\.txt$|manifest\\.webmanifest$|apple-touch-icon\\.png$|icons/|share/[^/]+/(?:events|card\\.svg)$).*)",
  ],
};
