// The baseline of bench/page-weight.ts: the smallest App Router page, built with the same Next.js.
import type { ReactNode } from "react";

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
