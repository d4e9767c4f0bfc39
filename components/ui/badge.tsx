// Small labels: "Demo", "Podcast", and Spotify's explicit-content "E".
import type { ReactNode } from "react";

export function Badge({ children, tone = "neutral" }: { children: ReactNode; tone?: "neutral" | "accent" }) {
  const tones = {
    neutral: "bg-zinc-200 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300",
    accent: "bg-accent/15 text-accent-strong ring-1 ring-accent/30 dark:text-accent",
  };
  return (
    <span
      className={`inline-flex h-5 shrink-0 items-center rounded-full px-2 text-[11px] font-semibold tracking-wide ${tones[tone]}`}
    >
      {children}
    </span>
  );
}

export function ExplicitBadge() {
  return (
    <span
      title="Explicit"
      className="inline-flex size-4 shrink-0 items-center justify-center rounded-[3px] bg-zinc-500 text-[10px] leading-none font-bold text-white dark:bg-zinc-400 dark:text-zinc-950"
    >
      <span aria-hidden="true">E</span>
      <span className="sr-only">Explicit</span>
    </span>
  );
}
