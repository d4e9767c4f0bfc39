// One titled card of the settings page.
import type { ReactNode } from "react";

export function SettingsSection({
  title,
  id,
  tone = "default",
  children,
}: {
  title: string;
  id: string;
  tone?: "default" | "danger";
  children: ReactNode;
}) {
  const ring = tone === "danger" ? "ring-red-300 dark:ring-red-900" : "ring-zinc-200 dark:ring-zinc-800";
  return (
    <section
      aria-labelledby={`${id}-title`}
      className={`flex flex-col gap-3 rounded-2xl bg-white p-5 ring-1 dark:bg-zinc-900 ${ring}`}
    >
      <h2 id={`${id}-title`} className="text-base font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}
