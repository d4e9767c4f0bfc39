// The longest run of listening days in the range, and the run going on now.
import { formatDay } from "@/lib/stats/format";
import type { Streak } from "@/lib/stats/types";

function Figure({ label, streak, empty }: { label: string; streak: Streak | null; empty: string }) {
  return (
    <div className="flex flex-col gap-1">
      <dt className="text-sm text-zinc-600 dark:text-zinc-400">{label}</dt>
      <dd className="text-2xl font-semibold tabular-nums">
        {streak ? `${streak.days} day${streak.days === 1 ? "" : "s"}` : "–"}
      </dd>
      <dd className="text-xs text-zinc-500 dark:text-zinc-400">
        {streak ? `${formatDay(streak.start)} – ${formatDay(streak.end)}` : empty}
      </dd>
    </div>
  );
}

export function StreaksCard({ streaks }: { streaks: { longest: Streak | null; current: Streak | null } }) {
  return (
    <dl className="grid grid-cols-2 gap-4" data-testid="streaks">
      <Figure label="Longest in this range" streak={streaks.longest} empty="No listening days" />
      <Figure label="Current" streak={streaks.current} empty="No play today or yesterday" />
    </dl>
  );
}
