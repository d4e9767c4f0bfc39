// Minutes per weekday and hour of the day, in the person's time zone: a 7 × 24 grid in plain SVG,
// with the same figures as a table.
import { formatDuration, WEEKDAYS } from "@/lib/stats/format";
import { DataTable, HEAT, HeatLegend, heatLevel, tableClass } from "./stats-section";

const CELL = 16;
const GAP = 2;
const STEP = CELL + GAP;
const LEFT = 30;
const TOP = 14;

export function HourOfWeek({ grid }: { grid: number[][] }) {
  const max = Math.max(0, ...grid.flat());
  let peak = { day: 0, hour: 0, ms: 0 };
  grid.forEach((hours, day) =>
    hours.forEach((ms, hour) => {
      if (ms > peak.ms) peak = { day, hour, ms };
    }),
  );
  const hourLabel = (hour: number) => `${String(hour).padStart(2, "0")}:00`;
  return (
    <div className="flex flex-col gap-3">
      <p className="sr-only">
        {peak.ms > 0
          ? `The busiest hour is ${WEEKDAYS[peak.day]} ${hourLabel(peak.hour)} with ${formatDuration(peak.ms)}.`
          : "No listening in this range."}{" "}
        The table below lists every weekday and hour.
      </p>
      {/* Focusable, so that a keyboard can scroll the grid where it is wider than a phone. */}
      <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Hour of the week grid">
        <svg width={LEFT + 24 * STEP} height={TOP + 7 * STEP} aria-hidden="true" className="block">
          {[0, 6, 12, 18].map((hour) => (
            <text
              key={hour}
              x={LEFT + hour * STEP}
              y={10}
              className="fill-zinc-500 text-[9px] dark:fill-zinc-400"
            >
              {hourLabel(hour)}
            </text>
          ))}
          {WEEKDAYS.map((name, day) => (
            <g key={name}>
              <text x={0} y={TOP + day * STEP + 12} className="fill-zinc-500 text-[9px] dark:fill-zinc-400">
                {name.slice(0, 3)}
              </text>
              {grid[day]!.map((ms, hour) => (
                <rect
                  key={hour}
                  x={LEFT + hour * STEP}
                  y={TOP + day * STEP}
                  width={CELL}
                  height={CELL}
                  rx={3}
                  className={HEAT[heatLevel(ms, max)]}
                >
                  <title>{`${name} ${hourLabel(hour)}: ${formatDuration(ms)}`}</title>
                </rect>
              ))}
            </g>
          ))}
        </svg>
      </div>
      <HeatLegend />
      <DataTable summary="Show minutes per weekday and hour as a table">
        <table className={tableClass}>
          <thead>
            <tr>
              <th scope="col">Hour</th>
              {WEEKDAYS.map((name) => (
                <th key={name} scope="col">
                  {name.slice(0, 3)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {Array.from({ length: 24 }, (_, hour) => (
              <tr key={hour}>
                <th scope="row">{hourLabel(hour)}</th>
                {WEEKDAYS.map((name, day) => (
                  <td key={name}>{Math.round(grid[day]![hour]! / 60_000)} min</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </DataTable>
    </div>
  );
}
