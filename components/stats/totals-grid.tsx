// The range's totals, each with its change against the previous period of the same length.
import { formatChange, formatCount, formatDay, formatDuration } from "@/lib/stats/format";
import type { StatsRange } from "@/lib/stats/ranges";
import type { Totals } from "@/lib/stats/types";

const FIGURES: { key: keyof Totals; label: string; format: (value: number) => string }[] = [
  { key: "ms", label: "Listening time", format: formatDuration },
  { key: "plays", label: "Plays", format: formatCount },
  { key: "tracks", label: "Tracks", format: formatCount },
  { key: "artists", label: "Artists", format: formatCount },
  { key: "albums", label: "Albums", format: formatCount },
];

const TONE = {
  up: "text-green-800 dark:text-green-400",
  down: "text-red-700 dark:text-red-400",
  same: "text-zinc-500 dark:text-zinc-400",
};

export function TotalsGrid({
  totals,
  previous,
  range,
}: {
  totals: Totals;
  previous: Totals | null;
  range: StatsRange;
}) {
  const against = range.previous
    ? `${formatDay(range.previous.start)} – ${formatDay(range.previous.end)}`
    : null;
  return (
    <section aria-labelledby="totals-title" className="flex flex-col gap-2">
      <h2 id="totals-title" className="sr-only">
        Totals
      </h2>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5" data-testid="totals">
        {FIGURES.map(({ key, label, format }) => {
          const change = previous ? formatChange(totals[key], previous[key]) : null;
          return (
            <div
              key={key}
              className="flex flex-col gap-1 rounded-2xl bg-white p-4 ring-1 ring-zinc-200 dark:bg-zinc-900 dark:ring-zinc-800"
            >
              <dt className="text-sm text-zinc-600 dark:text-zinc-400">{label}</dt>
              <dd className="text-xl font-semibold tabular-nums sm:text-2xl">{format(totals[key])}</dd>
              {change && previous ? (
                <dd className={`text-xs tabular-nums ${TONE[change.direction]}`}>
                  <span className="sr-only">Change against the previous period: </span>
                  {change.text}
                  <span className="text-zinc-500 dark:text-zinc-400"> vs {format(previous[key])}</span>
                </dd>
              ) : null}
            </div>
          );
        })}
      </dl>
      {against ? (
        <p className="text-xs text-zinc-500 dark:text-zinc-400">Changes compare with {against}.</p>
      ) : null}
    </section>
  );
}
