// The ranges as links (each a URL that can be shared), calendar years from the first one with
// listening, and a custom range as a plain GET form: no script needed to change the view.
import Link from "next/link";
import { focusRing } from "@/components/ui/button";
import { type RangeQuery, rangeSearch, type StatsRange } from "@/lib/stats/ranges";

const chip = `inline-flex h-9 items-center rounded-full px-3 text-sm font-medium whitespace-nowrap ring-1 transition-colors ${focusRing}`;
const idle =
  "bg-white text-zinc-700 ring-zinc-300 hover:bg-zinc-100 dark:bg-zinc-900 dark:text-zinc-300 dark:ring-zinc-700 dark:hover:bg-zinc-800";
const active = "bg-zinc-900 text-white ring-zinc-900 dark:bg-zinc-100 dark:text-zinc-900 dark:ring-zinc-100";

export function RangePicker({
  range,
  years,
  extra,
}: {
  range: StatsRange;
  /** Calendar years that can be picked, newest first. */
  years: number[];
  /** Other parameters of the page to keep (the tops' order). */
  extra: string;
}) {
  const link = (query: RangeQuery, label: string, current: boolean) => (
    <Link
      key={label}
      href={`/stats${rangeSearch(query)}${extra}`}
      aria-current={current ? "page" : undefined}
      className={`${chip} ${current ? active : idle}`}
    >
      {label}
    </Link>
  );
  const year = range.kind === "year" ? Number(range.start.slice(0, 4)) : null;
  return (
    <nav aria-label="Time range" className="flex flex-col gap-3">
      <div className="-mx-4 flex gap-2 overflow-x-auto px-4 pb-1 sm:mx-0 sm:flex-wrap sm:px-0">
        {link({ range: "4w" }, "4 weeks", range.kind === "4w")}
        {link({ range: "6m" }, "6 months", range.kind === "6m")}
        {link({ range: "12m" }, "12 months", range.kind === "12m")}
        {years.map((y) => link({ range: "year", year: y }, String(y), year === y))}
        {link({ range: "all" }, "All time", range.kind === "all")}
      </div>
      <form action="/stats" method="get" className="flex flex-wrap items-end gap-2 text-sm">
        <input type="hidden" name="range" value="custom" />
        <label className="flex flex-col gap-1">
          <span className="text-zinc-600 dark:text-zinc-400">From</span>
          <input
            type="date"
            name="from"
            required
            defaultValue={range.start}
            className={`h-9 rounded-lg bg-white px-2 ring-1 ring-zinc-300 dark:bg-zinc-900 dark:ring-zinc-700 ${focusRing}`}
          />
        </label>
        <label className="flex flex-col gap-1">
          <span className="text-zinc-600 dark:text-zinc-400">To</span>
          <input
            type="date"
            name="to"
            required
            defaultValue={range.end}
            className={`h-9 rounded-lg bg-white px-2 ring-1 ring-zinc-300 dark:bg-zinc-900 dark:ring-zinc-700 ${focusRing}`}
          />
        </label>
        <button type="submit" className={`${chip} ${range.kind === "custom" ? active : idle}`}>
          Show custom range
        </button>
      </form>
    </nav>
  );
}
