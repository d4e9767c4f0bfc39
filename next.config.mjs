/** @type {import("next").NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // Lets a second build (a benchmark, a parallel check) use its own folder without clobbering .next.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  // Security headers that do not depend on the request live here; the Content-Security-Policy needs a
  // per-request nonce and is set in proxy.ts.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
        ],
      },
      {
        // Build assets bypass proxy.ts; they are scripts and styles, so a closed policy is enough.
        source: "/_next/static/:path*",
        headers: [{ key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" }],
      },
      // public/'s static files bypass proxy.ts too (see its matcher): text, JSON and images, no scripts.
      ...["/robots.txt", "/manifest.webmanifest", "/apple-touch-icon.png", "/icons/:path*"].map((source) => ({
        source,
        headers: [{ key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" }],
      })),
    ];
  },
};

export default nextConfig;
