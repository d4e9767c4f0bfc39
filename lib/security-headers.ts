// The Content-Security-Policy and transport headers: pages get theirs per request from proxy.ts, the
// JSON routes theirs from lib/api/route-handler.ts.
// Scripts run only with this request's nonce ('strict-dynamic' lets Next's own chunks load); images
// come from Spotify's CDNs or, in demo mode, the emulator; nothing may frame the app.
import type { AppConfig } from "@/lib/config/env";

const SPOTIFY_IMAGE_HOSTS = [
  "https://i.scdn.co",
  "https://*.scdn.co",
  "https://*.spotifycdn.com",
  // Avatars of accounts linked to Facebook come from there.
  "https://platform-lookaside.fbsbx.com",
];

export function contentSecurityPolicy(
  config: AppConfig,
  nonce: string,
  dev: boolean,
  /** The share overlay: Settings previews it in a frame of Earshot's own (and no one else's). */
  framedBySelf = false,
): string {
  const images = ["'self'", "data:", "blob:", ...SPOTIFY_IMAGE_HOSTS];
  if (config.mode === "demo") images.push(new URL(config.spotify.apiUrl).origin);
  const directives: Record<string, string[]> = {
    "default-src": ["'self'"],
    // 'unsafe-eval' only for the dev server's fast refresh; never in a build.
    "script-src": ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(dev ? ["'unsafe-eval'"] : [])],
    // React style props and Next's injected styles are attributes/inline blocks.
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": images,
    "font-src": ["'self'"],
    "connect-src": ["'self'", ...(dev ? ["ws:"] : [])],
    "form-action": ["'self'", new URL(config.spotify.accountsUrl).origin],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "frame-ancestors": [framedBySelf ? "'self'" : "'none'"],
  };
  if (config.auth.secure) directives["upgrade-insecure-requests"] = [];
  return Object.entries(directives)
    .map(([name, values]) => [name, ...values].join(" "))
    .join("; ");
}

export const HSTS = "max-age=63072000; includeSubDomains";

/** JSON responses run no scripts and render nothing: the closed policy, no nonce needed. */
export const API_CSP = "default-src 'none'; base-uri 'none'; frame-ancestors 'none'; object-src 'none'";

/** Pages under /share/ are public by link: no search engine may keep them. */
export const NOINDEX = "noindex, nofollow, noarchive";

/** The per-request headers proxy.ts adds: the CSP, and HSTS when the app is reached over https. */
export function perRequestSecurityHeaders(
  config: AppConfig,
  nonce: string,
  { dev, https, path = "/" }: { dev: boolean; https: boolean; path?: string },
): Record<string, string> {
  const shared = path.startsWith("/share/");
  const headers: Record<string, string> = {
    "Content-Security-Policy": contentSecurityPolicy(config, nonce, dev, shared),
  };
  if (shared) headers["X-Robots-Tag"] = NOINDEX;
  if (config.auth.secure || https) headers["Strict-Transport-Security"] = HSTS;
  return headers;
}

/**
 * The script nonce in a Content-Security-Policy (proxy.ts puts the page's policy on the request too,
 * which is where Next.js finds it for its own scripts): for an inline script of the app's own.
 */
export function scriptNonce(policy: string | null): string | undefined {
  return policy?.match(/'nonce-([^']+)'/)?.[1];
}
