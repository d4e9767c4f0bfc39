// One titled card of the stats pages; `description` says in words what a chart shows.
import type { ReactNode } from "react";

export function StatsSection({
  title,
  id,
  description,
  actions,
  children,
}: {
  title: string;
  id: string;
  description?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
}) {
  return (
    <section
      aria-labelledby={`${id}-title`}
      className="flex min-w-0 flex-col gap-3 rounded-2xl bg-white p-4 ring-1 ring-zinc-200 sm:p-5 dark:bg-zinc-900 dark:ring-zinc-800"
    >
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id={`${id}-title`} className="text-base font-semibold">
          {title}
        </h2>
        {actions}
      </div>
      {description ? <p className="text-sm text-zinc-600 dark:text-zinc-400">{description}</p> : null}
      {children}
    </section>
  );
}

/** "Show as a table": the data behind a chart, for screen readers and anyone who wants the numbers. */
export function DataTable({ summary, children }: { summary: string; children: ReactNode }) {
  return (
    <details className="text-sm">
      <summary className="cursor-pointer rounded-sm text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100">
        {summary}
      </summary>
      <div className="mt-2 max-h-80 overflow-auto">{children}</div>
    </details>
  );
}

export const tableClass =
  "w-full border-collapse text-left text-sm tabular-nums [&_td]:border-t [&_td]:border-zinc-200 [&_td]:px-2 [&_td]:py-1 [&_th]:px-2 [&_th]:py-1 [&_th]:font-medium dark:[&_td]:border-zinc-800";

/** The heat scale of both heatmaps: 0 (nothing) to 4 (the busiest), as fill classes. */
export const HEAT = [
  "fill-zinc-200 dark:fill-zinc-800",
  "fill-green-200 dark:fill-green-950",
  "fill-green-400 dark:fill-green-800",
  "fill-green-600 dark:fill-green-600",
  "fill-green-800 dark:fill-green-400",
] as const;

/** Level 0–4 of `value` against `max` (quartiles of the range up to the max). */
export function heatLevel(value: number, max: number): number {
  if (value <= 0 || max <= 0) return 0;
  return Math.min(4, 1 + Math.floor((value / max) * 4 - 1e-9));
}

export function HeatLegend() {
  return (
    <div className="flex items-center gap-1 text-xs text-zinc-500 dark:text-zinc-400" aria-hidden="true">
      Less
      <svg width={5 * 14} height={12}>
        {HEAT.map((fill, i) => (
          <rect key={fill} x={i * 14} y={0} width={12} height={12} rx={2} className={fill} />
        ))}
      </svg>
      More
    </div>
  );
}
