// Where the listening went: one range's totals (with the previous period), tops, when (calendar,
// hour of week, streaks) and discoveries, rendered on the server from the store's rollups. The range
// is the URL (`?range=…`), so a view can be shared; nothing here needs a script but the first-visit
// time zone.
import type { Metadata } from "next";
import Link from "next/link";
import { CalendarHeatmap } from "@/components/stats/calendar-heatmap";
import { CatchUpNotice } from "@/components/stats/catch-up-notice";
import { HourOfWeek } from "@/components/stats/hour-of-week";
import { MinutesNote } from "@/components/stats/minutes-note";
import { MonthBars, monthsBetween } from "@/components/stats/month-bars";
import { RangePicker } from "@/components/stats/range-picker";
import { StatsSection } from "@/components/stats/stats-section";
import { StreaksCard } from "@/components/stats/streaks-card";
import { TimeZoneSync } from "@/components/stats/time-zone-sync";
import { TopList } from "@/components/stats/top-list";
import { TotalsGrid } from "@/components/stats/totals-grid";
import { focusRing } from "@/components/ui/button";
import { formatCount, formatDay } from "@/lib/stats/format";
import { rangeQuery, rangeSearch } from "@/lib/stats/ranges";
import { getStats } from "@/lib/stats/stats-service";
import { requireViewer } from "../viewer";
import { sessionUserId } from "../session-user-id";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Stats" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function StatsPage({ searchParams }: { searchParams: SearchParams }) {
  await requireViewer();
  const userId = await sessionUserId();
  const { by: byParam, ...rest } = await searchParams;
  const by = byParam === "minutes" ? "minutes" : "plays";
  const query = rangeQuery.safeParse(
    Object.fromEntries(
      Object.entries(rest).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]),
    ),
  );
  if (!query.success) {
    return (
      <Main>
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          This range cannot be shown: {query.error.issues[0]?.message}.{" "}
          <Link href="/stats" className="underline">
            Show the last 4 weeks
          </Link>
        </p>
      </Main>
    );
  }
  const stats = await getStats(userId, query.data);
  const { range } = stats;
  const thisYear = Number(stats.range.end.slice(0, 4));
  const firstYear = stats.days[0] ? Number(stats.days[0].day.slice(0, 4)) : thisYear;
  const years = Array.from({ length: Math.max(1, thisYear - firstYear + 1) }, (_, i) => thisYear - i).slice(
    0,
    12,
  );
  const extra = by === "minutes" ? "&by=minutes" : "";
  const here = `/stats${rangeSearch(query.data)}`;
  const months = monthsBetween(range.start.slice(0, 7), range.end.slice(0, 7));
  const discoveries = new Map(stats.discoveries.map((d) => [d.month, d]));
  const order = (
    <div className="flex gap-1 text-sm" role="group" aria-label="Order the tops">
      {(["plays", "minutes"] as const).map((option) => (
        <Link
          key={option}
          href={`${here}${option === "minutes" ? "&by=minutes" : ""}`}
          aria-current={by === option ? "true" : undefined}
          className={`rounded-full px-3 py-1 ${focusRing} ${by === option ? "bg-zinc-900 text-white dark:bg-zinc-100 dark:text-zinc-900" : "text-zinc-600 hover:bg-zinc-100 dark:text-zinc-400 dark:hover:bg-zinc-800"}`}
        >
          By {option}
        </Link>
      ))}
    </div>
  );
  const lists = by === "plays" ? "byPlays" : "byMinutes";
  return (
    <Main>
      {stats.timeZoneSet ? null : <TimeZoneSync />}
      <div className="flex flex-col gap-1">
        <h1 className="text-2xl font-semibold tracking-tight">
          Stats <span className="text-zinc-500 dark:text-zinc-400">· {range.label}</span>
        </h1>
        <p className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="range-days">
          {formatDay(range.start)} – {formatDay(range.end)}
        </p>
      </div>
      <RangePicker range={range} years={years} extra={extra} />
      {stats.catchingUp ? <CatchUpNotice /> : null}
      <TotalsGrid totals={stats.totals} previous={stats.previousTotals} range={range} />
      {stats.totals.plays === 0 ? (
        <p className="rounded-2xl bg-white p-5 text-sm text-zinc-600 ring-1 ring-zinc-200 dark:bg-zinc-900 dark:text-zinc-400 dark:ring-zinc-800">
          No plays in this range yet. Earshot keeps every play from the moment you sign in; import your
          Spotify history to see the years before.
        </p>
      ) : null}
      <div className="grid gap-4 lg:grid-cols-3">
        <StatsSection title="Top tracks" id="top-tracks" actions={order}>
          <TopList kind="track" items={stats.tops.tracks[lists]} timeZone={stats.timeZone} by={by} />
        </StatsSection>
        <StatsSection title="Top artists" id="top-artists">
          <TopList kind="artist" items={stats.tops.artists[lists]} timeZone={stats.timeZone} by={by} />
        </StatsSection>
        <StatsSection title="Top albums" id="top-albums">
          <TopList kind="album" items={stats.tops.albums[lists]} timeZone={stats.timeZone} by={by} />
        </StatsSection>
      </div>
      <StatsSection
        title="Listening per day"
        id="calendar"
        description={`Minutes per day, in ${stats.timeZone}: the darker, the more.`}
      >
        <CalendarHeatmap days={stats.days} start={range.start} end={range.end} />
      </StatsSection>
      <div className="grid gap-4 lg:grid-cols-2">
        <StatsSection
          title="Hour of the week"
          id="hour-of-week"
          description={`When you listen: minutes per weekday and hour, in ${stats.timeZone}.`}
        >
          <HourOfWeek grid={stats.hourOfWeek} />
        </StatsSection>
        <StatsSection title="Streaks" id="streaks" description="Runs of days with at least one play.">
          <StreaksCard streaks={stats.streaks} />
        </StatsSection>
      </div>
      <StatsSection
        title="Discoveries"
        id="discoveries"
        description="Tracks and artists you played for the first time ever, per month."
      >
        {stats.discoveries.length === 0 ? (
          <p className="text-sm text-zinc-500 dark:text-zinc-400">
            No first plays of a track or an artist in this range.
          </p>
        ) : (
          <MonthBars
            months={months}
            series={[
              {
                label: "new tracks",
                className: "fill-green-600 dark:fill-green-500",
                values: months.map((m) => discoveries.get(m)?.tracks ?? 0),
              },
              {
                label: "new artists",
                className: "fill-sky-600 dark:fill-sky-400",
                values: months.map((m) => discoveries.get(m)?.artists ?? 0),
              },
            ]}
            format={formatCount}
            tableSummary="Show discoveries per month as a table"
            description={`${formatCount(stats.discoveries.reduce((n, d) => n + d.tracks, 0))} new tracks and ${formatCount(stats.discoveries.reduce((n, d) => n + d.artists, 0))} new artists in this range.`}
          />
        )}
      </StatsSection>
      <MinutesNote timeZone={stats.timeZone} timeZoneSet={stats.timeZoneSet} />
    </Main>
  );
}

function Main({ children }: { children: React.ReactNode }) {
  return (
    <main id="main" className="mx-auto flex w-full max-w-6xl flex-col gap-5 px-4 pt-5 pb-16 sm:px-6 sm:pt-8">
      {children}
    </main>
  );
}
