// An artist's or a track's page: its figures, share of all listening, a monthly timeline and top
// tracks (the artist's; on a track's page, its first artist's).
import Link from "next/link";
import { CoverArt } from "@/components/plays/cover-art";
import { focusRing } from "@/components/ui/button";
import { MaybeLink } from "@/components/ui/maybe-link";
import { formatCount, formatDuration, formatInstantDay, formatShare } from "@/lib/stats/format";
import type { SubjectStats } from "@/lib/stats/types";
import { MinutesNote } from "./minutes-note";
import { MonthBars, monthsBetween } from "./month-bars";
import { StatsSection } from "./stats-section";
import { TopList } from "./top-list";

export function SubjectView({ stats }: { stats: SubjectStats }) {
  const months = stats.timeline.length
    ? monthsBetween(stats.timeline[0]!.month, stats.timeline.at(-1)!.month)
    : [];
  const byMonth = new Map(stats.timeline.map((m) => [m.month, m]));
  const figures = [
    { label: "Listening time", value: formatDuration(stats.ms) },
    { label: "Plays", value: formatCount(stats.plays) },
    {
      label: "Share of all listening",
      value: `${formatShare(stats.shareOfMs)} of time`,
      detail: `${formatShare(stats.shareOfPlays)} of plays`,
    },
    {
      label: "First play",
      value: stats.firstPlayedAt ? formatInstantDay(stats.firstPlayedAt, stats.timeZone) : "–",
    },
    {
      label: "Last play",
      value: stats.lastPlayedAt ? formatInstantDay(stats.lastPlayedAt, stats.timeZone) : "–",
    },
  ];
  return (
    <>
      <div className="flex items-center gap-4">
        <CoverArt
          images={stats.image ? { small: null, medium: null, large: stats.image } : null}
          kind={stats.image ? "art" : "none"}
          alt=""
          sizes="96px"
          className="size-20 shrink-0 sm:size-24"
          rounded={stats.kind === "artist" ? "rounded-full" : "rounded-xl"}
        />
        <div className="min-w-0">
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            {stats.kind === "artist" ? "Artist" : "Track"}
          </p>
          <h1 className="truncate text-2xl font-semibold tracking-tight">
            <MaybeLink href={stats.url}>{stats.name}</MaybeLink>
          </h1>
          {stats.kind === "track" ? (
            <p className="truncate text-sm text-zinc-600 dark:text-zinc-400">
              {stats.artists.map((artist, i) => (
                <span key={artist.id}>
                  {i > 0 ? ", " : ""}
                  <Link
                    href={`/stats/artist/${encodeURIComponent(artist.id)}`}
                    className={`rounded-sm hover:underline ${focusRing}`}
                  >
                    {artist.name}
                  </Link>
                </span>
              ))}
              {stats.subtitle ? ` · ${stats.subtitle}` : ""}
            </p>
          ) : null}
        </div>
      </div>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5" data-testid="subject-figures">
        {figures.map((figure) => (
          <div
            key={figure.label}
            className="flex flex-col gap-1 rounded-2xl bg-white p-4 ring-1 ring-zinc-200 dark:bg-zinc-900 dark:ring-zinc-800"
          >
            <dt className="text-sm text-zinc-600 dark:text-zinc-400">{figure.label}</dt>
            <dd className="text-lg font-semibold tabular-nums">{figure.value}</dd>
            {figure.detail ? (
              <dd className="text-xs text-zinc-500 dark:text-zinc-400">{figure.detail}</dd>
            ) : null}
          </div>
        ))}
      </dl>
      <StatsSection
        title="Timeline"
        id="timeline"
        description={`Time heard per month, in ${stats.timeZone}.`}
      >
        <MonthBars
          months={months}
          series={[
            {
              label: "minutes",
              className: "fill-green-600 dark:fill-green-500",
              values: months.map((m) => Math.round((byMonth.get(m)?.ms ?? 0) / 60_000)),
            },
          ]}
          format={formatCount}
          tableSummary="Show plays and minutes per month as a table"
          description={`${formatCount(stats.plays)} plays over ${months.length} months, from ${months[0] ?? "–"} to ${months.at(-1) ?? "–"}.`}
        />
      </StatsSection>
      <StatsSection
        title={stats.kind === "artist" ? "Top tracks" : `More by ${stats.artists[0]?.name ?? "this artist"}`}
        id="subject-top-tracks"
      >
        <TopList kind="track" items={stats.topTracks} timeZone={stats.timeZone} by="plays" />
      </StatsSection>
      <MinutesNote timeZone={stats.timeZone} timeZoneSet />
    </>
  );
}
