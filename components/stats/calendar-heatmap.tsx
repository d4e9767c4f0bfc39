// Minutes per day as a calendar: one block per calendar year of the range, a column per week
// (Monday first) and a row per weekday, in plain SVG. Each day has a <title> (hover, screen
// readers); the monthly table below is the same data in words.
import { formatDay, formatDuration, formatMonth } from "@/lib/stats/format";
import { addDays, daysBetween } from "@/lib/stats/ranges";
import type { DayFigure } from "@/lib/stats/types";
import { DataTable, HEAT, HeatLegend, heatLevel, tableClass } from "./stats-section";

const CELL = 11;
const GAP = 2;
const STEP = CELL + GAP;
const LEFT = 26;
const TOP = 14;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** Monday = 0 … Sunday = 6 of a YYYY-MM-DD day. */
const weekday = (day: string) => (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;

function YearBlock({
  year,
  start,
  end,
  byDay,
  max,
}: {
  year: number;
  start: string;
  end: string;
  byDay: Map<string, DayFigure>;
  max: number;
}) {
  const first = start > `${year}-01-01` ? start : `${year}-01-01`;
  const last = end < `${year}-12-31` ? end : `${year}-12-31`;
  const origin = addDays(first, -weekday(first)); // the Monday of the first week
  const weeks = Math.floor(daysBetween(origin, last) / 7) + 1;
  const cells = [];
  const monthLabels = [];
  for (let d = first; d <= last; d = addDays(d, 1)) {
    const offset = daysBetween(origin, d);
    const x = LEFT + Math.floor(offset / 7) * STEP;
    const y = TOP + weekday(d) * STEP;
    const figure = byDay.get(d);
    const ms = figure?.ms ?? 0;
    cells.push(
      <rect key={d} x={x} y={y} width={CELL} height={CELL} rx={2} className={HEAT[heatLevel(ms, max)]}>
        <title>{`${formatDay(d)}: ${ms > 0 ? `${formatDuration(ms)}, ${figure!.plays} plays` : "no listening"}`}</title>
      </rect>,
    );
    // A month is named at its first day (or where the range starts, unless its next one is too close).
    if (d.endsWith("-01") || (d === first && Number(d.slice(8)) <= 20)) {
      monthLabels.push(
        <text key={`m${d}`} x={x} y={10} className="fill-zinc-500 text-[9px] dark:fill-zinc-400">
          {MONTHS[Number(d.slice(5, 7)) - 1]}
        </text>,
      );
    }
  }
  const width = LEFT + weeks * STEP;
  return (
    <div className="flex flex-col gap-1">
      <p className="text-xs font-medium text-zinc-600 dark:text-zinc-400">{year}</p>
      {/* Focusable, so that a keyboard can scroll a year that is wider than a phone. */}
      <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={`Calendar of ${year}`}>
        <svg width={width} height={TOP + 7 * STEP} aria-hidden="true" className="block">
          {["Mon", "Wed", "Fri"].map((label, i) => (
            <text
              key={label}
              x={0}
              y={TOP + i * 2 * STEP + 9}
              className="fill-zinc-500 text-[9px] dark:fill-zinc-400"
            >
              {label}
            </text>
          ))}
          {monthLabels}
          {cells}
        </svg>
      </div>
    </div>
  );
}

export function CalendarHeatmap({ days, start, end }: { days: DayFigure[]; start: string; end: string }) {
  const byDay = new Map(days.map((day) => [day.day, day]));
  const max = days.reduce((m, day) => Math.max(m, day.ms), 0);
  const firstYear = Number(start.slice(0, 4));
  const lastYear = Number(end.slice(0, 4));
  const years = Array.from({ length: lastYear - firstYear + 1 }, (_, i) => lastYear - i);
  const months = new Map<string, { ms: number; plays: number; days: number }>();
  for (const day of days) {
    const month = day.day.slice(0, 7);
    const entry = months.get(month) ?? { ms: 0, plays: 0, days: 0 };
    entry.ms += day.ms;
    entry.plays += day.plays;
    entry.days += 1;
    months.set(month, entry);
  }
  const busiest = days.reduce<DayFigure | null>(
    (best, day) => (!best || day.ms > best.ms ? day : best),
    null,
  );
  return (
    <div className="flex flex-col gap-3">
      <p className="sr-only">
        {days.length} days with listening
        {busiest ? `; the busiest was ${formatDay(busiest.day)} with ${formatDuration(busiest.ms)}` : ""}. The
        table below lists each month.
      </p>
      {years.map((year) => (
        <YearBlock key={year} year={year} start={start} end={end} byDay={byDay} max={max} />
      ))}
      <HeatLegend />
      <DataTable summary="Show minutes per month as a table">
        <table className={tableClass}>
          <thead>
            <tr>
              <th scope="col">Month</th>
              <th scope="col">Listening time</th>
              <th scope="col">Plays</th>
              <th scope="col">Days with listening</th>
            </tr>
          </thead>
          <tbody>
            {[...months].map(([month, entry]) => (
              <tr key={month}>
                <th scope="row">{formatMonth(month)}</th>
                <td>{formatDuration(entry.ms)}</td>
                <td>{entry.plays}</td>
                <td>{entry.days}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </DataTable>
    </div>
  );
}
