// A link to Spotify when there is one (in a new tab), plain text otherwise (local files have none).
import type { ReactNode } from "react";
import { focusRing } from "./button";

export function MaybeLink({
  href,
  children,
  className = "",
}: {
  href: string | null;
  children: ReactNode;
  className?: string;
}) {
  if (!href) return <span className={className}>{children}</span>;
  return (
    <a
      href={href}
      target="_blank"
      rel="noopener noreferrer"
      className={`rounded-sm hover:underline underline-offset-2 ${focusRing} ${className}`}
    >
      {children}
    </a>
  );
}
