// A coverage gap, where it falls in the history: Spotify's 50-play window overflowed between two
// syncs, so plays in that stretch may be missing. Spotify's data export has them: import fills it.
import NextLink from "next/link";
import type { CoverageGap } from "@/lib/listening";
import { dayKey } from "@/lib/client/format-time";
import { dateTimeFormat } from "@/lib/client/intl-cache";
import { AlertIcon } from "@/components/ui/icons";
import { focusRing } from "@/components/ui/button";

/** "14:02", or "Mon, 3 Mar, 14:02" when the two ends are on different days. */
function bound(time: number, withDay: boolean, timeZone: string): string {
  return dateTimeFormat(undefined, {
    timeZone,
    hour: "2-digit",
    minute: "2-digit",
    ...(withDay ? { weekday: "short", day: "numeric", month: "short" } : {}),
  }).format(time);
}

export function GapNotice({ gap, timeZone }: { gap: CoverageGap; timeZone: string }) {
  const from = Date.parse(gap.from);
  const to = Date.parse(gap.to);
  const spansDays = dayKey(from, timeZone) !== dayKey(to, timeZone);
  return (
    <div
      role="note"
      data-testid="coverage-gap"
      className="mx-1 my-2 flex items-start gap-3 rounded-xl bg-amber-50 px-3 py-2.5 text-sm text-amber-950 ring-1 ring-amber-200 dark:bg-amber-950/40 dark:text-amber-100 dark:ring-amber-900"
    >
      <AlertIcon className="mt-0.5 size-4 shrink-0 text-amber-600 dark:text-amber-400" />
      <p>
        Spotify&apos;s 50-play window overflowed here: plays between{" "}
        <time dateTime={gap.from} className="font-semibold tabular-nums">
          {bound(from, spansDays, timeZone)}
        </time>{" "}
        and{" "}
        <time dateTime={gap.to} className="font-semibold tabular-nums">
          {bound(to, spansDays, timeZone)}
        </time>{" "}
        may be missing.{" "}
        <NextLink
          href="/import"
          className={`rounded-sm font-medium underline underline-offset-2 ${focusRing}`}
        >
          Import your Spotify data to fill it
        </NextLink>
      </p>
    </div>
  );
}
