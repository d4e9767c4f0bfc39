"use client";
// The progress bar under the now-playing title. Between polls it advances on its own from the last
// answer (a 250 ms tick, eased by a matching CSS transition); paused, it stands still and says so.
import { type PlayerState } from "@/lib/listening";
import { formatDuration } from "@/lib/client/format-time";
import { playbackKey, progressAt } from "@/lib/listening/playback";
import { useNow } from "@/lib/client/use-now";

const TICK_MS = 250;

export function PlaybackProgress({
  player,
  offsetMs,
  hydrationNow,
  hidden = false,
}: {
  player: PlayerState | undefined;
  offsetMs: number;
  /** The time the server drew the bar at (see useNow). */
  hydrationNow?: number;
  hidden?: boolean;
}) {
  const moving = !hidden && player?.state === "playing";
  const now = useNow(TICK_MS, moving, hydrationNow);
  const progress = player && !hidden ? progressAt(player, now, offsetMs) : null;
  const paused = !hidden && player?.state === "paused";
  const durationSec = progress?.durationMs != null ? Math.round(progress.durationMs / 1000) : undefined;
  const positionSec = progress?.positionMs != null ? Math.floor(progress.positionMs / 1000) : undefined;
  const fraction = progress?.fraction ?? 0;
  // A new item, a seek or a pause/resume starts a fresh fill, so it jumps instead of sliding back.
  const fillKey = player && player.state !== "idle" ? `${playbackKey(player)}:${player.changedAt}` : "none";
  // Unknown sides stay empty (not "–:––"): an ad says how far in it is, or nothing at all.
  const elapsed = progress?.positionMs != null ? formatDuration(progress.positionMs) : "";
  const total = progress?.durationMs != null ? formatDuration(progress.durationMs) : "";

  return (
    <div className={`mt-4 ${hidden ? "invisible" : ""}`} aria-hidden={hidden || undefined}>
      <div
        role="progressbar"
        aria-label="Playback position"
        aria-valuemin={0}
        aria-valuemax={durationSec}
        aria-valuenow={durationSec !== undefined ? positionSec : undefined}
        aria-valuetext={
          durationSec !== undefined ? `${elapsed} of ${total}${paused ? ", paused" : ""}` : undefined
        }
        className="relative h-1.5 w-full overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-800"
      >
        {progress?.fraction != null ? (
          <span
            key={fillKey}
            data-testid="progress-fill"
            className={`absolute inset-y-0 left-0 w-full origin-left rounded-full ease-linear ${paused ? "bg-zinc-400 dark:bg-zinc-500" : "bg-accent transition-transform duration-300"}`}
            style={{ transform: `scaleX(${fraction})` }}
          />
        ) : progress ? (
          // No length (ads, some devices): an honest "something is going on" bar.
          <span className="absolute inset-y-0 left-0 w-1/3 rounded-full bg-accent/60 motion-safe:animate-pulse" />
        ) : null}
      </div>
      <div className="mt-1.5 flex h-4 items-center justify-between text-xs leading-4 text-zinc-500 tabular-nums dark:text-zinc-400">
        <span data-testid="progress-elapsed">{elapsed}</span>
        {paused ? <span className="font-medium text-zinc-600 dark:text-zinc-300">Paused</span> : null}
        <span data-testid="progress-total">{total}</span>
      </div>
    </div>
  );
}
