// A top list (tracks, artists or albums) with covers, plays, time and the first play ever.
import Link from "next/link";
import { CoverArt } from "@/components/plays/cover-art";
import { focusRing } from "@/components/ui/button";
import { formatCount, formatDuration, formatInstantDay } from "@/lib/stats/format";
import type { TopItem } from "@/lib/stats/types";

export type TopKind = "track" | "artist" | "album";

/** Where a row leads: the artist's or track's page (albums have none yet). */
export function subjectHref(kind: TopKind, id: string): string | null {
  return kind === "album" ? null : `/stats/${kind}/${encodeURIComponent(id)}`;
}

export function TopList({
  kind,
  items,
  timeZone,
  by,
}: {
  kind: TopKind;
  items: TopItem[];
  timeZone: string;
  by: "plays" | "minutes";
}) {
  if (items.length === 0)
    return <p className="text-sm text-zinc-500 dark:text-zinc-400">Nothing in this range.</p>;
  return (
    <ol className="flex flex-col gap-1">
      {items.map((item, index) => {
        const href = subjectHref(kind, item.id);
        const title = href ? (
          <Link href={href} className={`rounded-sm hover:underline ${focusRing}`}>
            {item.name}
          </Link>
        ) : (
          item.name
        );
        return (
          <li key={item.id} className="flex items-center gap-3 py-1">
            <span className="w-5 shrink-0 text-right text-sm text-zinc-500 tabular-nums dark:text-zinc-400">
              {index + 1}
            </span>
            <CoverArt
              images={item.image ? { small: null, medium: item.image, large: null } : null}
              kind={item.image ? "art" : "none"}
              alt=""
              sizes="40px"
              className="size-10 shrink-0"
              rounded={kind === "artist" ? "rounded-full" : "rounded-md"}
            />
            <div className="min-w-0 flex-1">
              <p className="truncate text-sm font-medium">{title}</p>
              <p className="truncate text-xs text-zinc-500 dark:text-zinc-400">
                {item.subtitle ? `${item.subtitle} · ` : ""}first heard{" "}
                {formatInstantDay(item.firstPlayedAt, timeZone)}
              </p>
            </div>
            <div className="shrink-0 text-right text-sm tabular-nums">
              <p className="font-medium">
                {by === "plays" ? `${formatCount(item.plays)} plays` : formatDuration(item.ms)}
              </p>
              <p className="text-xs text-zinc-500 dark:text-zinc-400">
                {by === "plays" ? formatDuration(item.ms) : `${formatCount(item.plays)} plays`}
              </p>
            </div>
          </li>
        );
      })}
    </ol>
  );
}
