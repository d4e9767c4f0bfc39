// Bars per month in plain SVG: discoveries (new tracks and new artists) on /stats, time heard on an
// artist's or a track's timeline. Scales to its box; a table carries the same figures.
import type { ReactNode } from "react";
import { formatMonth } from "@/lib/stats/format";
import { DataTable, tableClass } from "./stats-section";

export type Series = { label: string; className: string; values: number[] };

const HEIGHT = 120;

export function MonthBars({
  months,
  series,
  format,
  tableSummary,
  description,
}: {
  months: string[];
  series: Series[];
  format: (value: number) => string;
  tableSummary: string;
  description: ReactNode;
}) {
  const max = Math.max(1, ...series.flatMap((s) => s.values));
  const slot = 12;
  const bar = Math.max(2, Math.floor((slot - 2) / series.length));
  const width = Math.max(months.length * slot, 1);
  return (
    <div className="flex flex-col gap-3">
      <p className="sr-only">{description}</p>
      <svg
        viewBox={`0 0 ${width} ${HEIGHT}`}
        preserveAspectRatio="none"
        className="h-32 w-full"
        aria-hidden="true"
      >
        {months.map((month, i) =>
          series.map((s, j) => {
            const value = s.values[i] ?? 0;
            const h = (value / max) * (HEIGHT - 4);
            return (
              <rect
                key={`${month}-${s.label}`}
                x={i * slot + 1 + j * bar}
                y={HEIGHT - h}
                width={bar - 0.5}
                height={h}
                className={s.className}
              >
                <title>{`${formatMonth(month)}: ${format(value)} ${s.label}`}</title>
              </rect>
            );
          }),
        )}
      </svg>
      <div className="flex flex-wrap items-center justify-between gap-2 text-xs text-zinc-500 dark:text-zinc-400">
        <span>{months[0] ? formatMonth(months[0]) : ""}</span>
        <span className="flex gap-3">
          {series.map((s) => (
            <span key={s.label} className="flex items-center gap-1">
              <svg width={10} height={10} aria-hidden="true">
                <rect width={10} height={10} rx={2} className={s.className} />
              </svg>
              {s.label}
            </span>
          ))}
        </span>
        <span>{months.at(-1) ? formatMonth(months.at(-1)!) : ""}</span>
      </div>
      <DataTable summary={tableSummary}>
        <table className={tableClass}>
          <thead>
            <tr>
              <th scope="col">Month</th>
              {series.map((s) => (
                <th key={s.label} scope="col">
                  {s.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {months.map((month, i) => (
              <tr key={month}>
                <th scope="row">{formatMonth(month)}</th>
                {series.map((s) => (
                  <td key={s.label}>{format(s.values[i] ?? 0)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </DataTable>
    </div>
  );
}

/** Every month from `first` to `last` (YYYY-MM), so that empty months show as gaps. */
export function monthsBetween(first: string, last: string): string[] {
  const out: string[] = [];
  let [y, m] = first.split("-").map(Number) as [number, number];
  const [ly, lm] = last.split("-").map(Number) as [number, number];
  while (y < ly || (y === ly && m <= lm)) {
    out.push(`${y}-${String(m).padStart(2, "0")}`);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}
