import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import { Providers } from "./providers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Earshot", template: "%s · Earshot" },
  description: "See what you are playing on Spotify right now, and what you played before.",
  // Static files in public/ (PNGs made by scripts/make-icons.ts) and app/icon.svg, served by Next at
  // /icon.svg. Listed here, since setting `icons` replaces the link Next would write for the file:
  // without it, browsers ask for /favicon.ico, which is not there (a 404 in every console).
  manifest: "/manifest.webmanifest",
  icons: {
    icon: [{ url: "/icon.svg", type: "image/svg+xml" }],
    apple: [{ url: "/apple-touch-icon.png", sizes: "180x180", type: "image/png" }],
  },
};

export const viewport: Viewport = {
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#fafafa" },
    { media: "(prefers-color-scheme: dark)", color: "#09090b" },
  ],
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Reading the request makes every page render per request, which the CSP nonce (proxy.ts) needs:
  // a page prerendered at build time would carry scripts without this request's nonce.
  await headers();
  return (
    <html lang="en">
      <body className="min-h-dvh">
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
