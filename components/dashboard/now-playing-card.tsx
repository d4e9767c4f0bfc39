"use client";
// The now-playing card. Every state (loading, playing, paused, idle, ad, episode, local file) fills
// the same fixed-size slots, so a change of track or state never moves anything on the page.
import type { ReactNode } from "react";
import type { Device, Play, PlayerState } from "@/lib/listening";
import { describeNowPlaying, type NowPlayingView } from "@/lib/client/now-playing-view";
import { useNow } from "@/lib/client/use-now";
import type { ShownTime } from "@/lib/client/use-listener-time";
import { Badge, ExplicitBadge } from "@/components/ui/badge";
import { DeviceIcon, PauseIcon, RepeatIcon, ShuffleIcon } from "@/components/ui/icons";
import { MaybeLink } from "@/components/ui/maybe-link";
import { Skeleton } from "@/components/ui/skeleton";
import { ArtistLinks } from "@/components/plays/artist-links";
import { CoverArt } from "@/components/plays/cover-art";
import { PlaybackProgress } from "./playback-progress";

const COVER_CLASS = "size-24 sm:size-32 lg:aspect-square lg:size-auto lg:w-full";
const COVER_SIZES = "(min-width: 1024px) 400px, (min-width: 640px) 128px, 96px";

export function NowPlayingCard({
  player,
  offsetMs,
  receivedAt,
  lastPlay,
  failed,
  signInNeeded,
  shownTime,
}: {
  player: PlayerState | undefined;
  offsetMs: number;
  /** When `player` was read: the moment the server drew the card at, while hydrating. */
  receivedAt?: number;
  lastPlay: Play | undefined;
  failed: boolean;
  signInNeeded: boolean;
  /** The zone and locale of the idle view's last play (a date, once it is a month old). */
  shownTime: ShownTime;
}) {
  // Only the idle view's "3 min ago" depends on the clock; a minute's resolution is plenty.
  const now = useNow(30_000, player?.state === "idle", receivedAt);
  const { timeZone, locale } = shownTime;
  const view = describeNowPlaying(player, { lastPlay, failed, signInNeeded, now, timeZone, locale });
  return (
    <CardShell view={view} device={player?.device ?? null} player={player}>
      <PlaybackProgress
        player={player}
        offsetMs={offsetMs}
        hydrationNow={receivedAt}
        hidden={!view.showProgress}
      />
    </CardShell>
  );
}

function CardShell({
  view,
  device,
  player,
  children,
}: {
  view: NowPlayingView;
  device: Device | null;
  player: PlayerState | undefined;
  children: ReactNode;
}) {
  const loading = view.status === "loading";
  return (
    <section
      aria-labelledby="now-playing-heading"
      aria-busy={loading || undefined}
      data-testid="now-playing"
      data-status={view.status}
      className="rounded-2xl bg-white p-4 shadow-sm ring-1 ring-zinc-200 sm:p-5 lg:p-6 dark:bg-zinc-900 dark:ring-zinc-800"
    >
      <div className="flex h-6 items-center justify-between gap-3">
        <h2
          id="now-playing-heading"
          className="text-xs font-semibold tracking-wider text-zinc-500 uppercase dark:text-zinc-400"
        >
          Now playing
        </h2>
        <StatusPill view={view} />
      </div>

      <div className="mt-4 flex gap-4 lg:flex-col lg:gap-5">
        {loading ? (
          <Skeleton className={`${COVER_CLASS} rounded-lg`} />
        ) : (
          <CoverArt
            images={view.images}
            kind={view.cover}
            alt={view.coverAlt}
            sizes={COVER_SIZES}
            dimmed={view.dimmed}
            className={COVER_CLASS}
            priority
          />
        )}

        <div className="min-w-0 flex-1">
          <p
            data-testid="now-playing-title"
            className="h-7 truncate text-lg leading-7 font-semibold tracking-tight lg:h-8 lg:text-2xl lg:leading-8"
          >
            {loading ? (
              <Skeleton className="mt-1 h-5 w-3/4 lg:h-6" />
            ) : (
              <MaybeLink href={view.titleUrl}>{view.title}</MaybeLink>
            )}
          </p>
          <p className="mt-0.5 flex h-6 min-w-0 items-center gap-1.5 text-[15px] leading-6 text-zinc-700 dark:text-zinc-300">
            {loading ? (
              <Skeleton className="h-4 w-1/2" />
            ) : (
              <>
                {view.explicit ? <ExplicitBadge /> : null}
                <span data-testid="now-playing-artists" className="truncate">
                  {view.artists.length > 0 ? <ArtistLinks artists={view.artists} /> : view.subtitle}
                </span>
              </>
            )}
          </p>
          <p className="flex h-6 min-w-0 items-center gap-2 text-sm leading-6 text-zinc-500 dark:text-zinc-400">
            {loading ? (
              <Skeleton className="h-3.5 w-1/3" />
            ) : (
              <>
                {view.detail ? (
                  <span className="truncate">
                    <MaybeLink href={view.detail.url}>{view.detail.name}</MaybeLink>
                  </span>
                ) : null}
                {view.badge ? <Badge>{view.badge}</Badge> : null}
              </>
            )}
          </p>
          {children}
        </div>
      </div>

      <DeviceLine device={device} player={player} loading={loading} />
    </section>
  );
}

function StatusPill({ view }: { view: NowPlayingView }) {
  const tone =
    view.status === "playing"
      ? "bg-accent/15 text-accent-strong dark:text-accent"
      : "bg-zinc-100 text-zinc-600 dark:bg-zinc-800 dark:text-zinc-300";
  // One width for every label ("Loading", "Playing", "Not playing"…), content from the left: the pill
  // sits at the right edge, so a label of another length would otherwise move it (a layout shift).
  return (
    <span
      className={`inline-flex h-6 w-28 items-center gap-1.5 rounded-full px-2.5 text-xs font-semibold ${tone}`}
    >
      {view.status === "playing" ? (
        <span aria-hidden="true" className="relative flex size-2">
          <span className="absolute inline-flex size-full rounded-full bg-accent opacity-60 motion-safe:animate-ping" />
          <span className="relative inline-flex size-2 rounded-full bg-accent" />
        </span>
      ) : view.status === "paused" ? (
        <PauseIcon className="size-3" />
      ) : (
        <span aria-hidden="true" className="size-2 rounded-full bg-zinc-400 dark:bg-zinc-500" />
      )}
      <span data-testid="now-playing-state" aria-live="polite">
        {view.statusLabel}
      </span>
    </span>
  );
}

function DeviceLine({
  device,
  player,
  loading,
}: {
  device: Device | null;
  player: PlayerState | undefined;
  loading: boolean;
}) {
  const active = player && player.state !== "idle";
  return (
    <div className="mt-4 flex h-5 items-center justify-between gap-3 border-t border-zinc-100 pt-4 text-xs text-zinc-500 box-content dark:border-zinc-800 dark:text-zinc-400">
      {loading ? (
        <Skeleton className="h-3.5 w-40" />
      ) : device && active ? (
        <span data-testid="now-playing-device" className="flex min-w-0 items-center gap-1.5">
          <DeviceIcon type={device.type} className="size-4 shrink-0 text-accent-strong dark:text-accent" />
          <span className="truncate">
            <span className="sr-only">Playing on </span>
            <span className="font-medium text-zinc-700 dark:text-zinc-300">{device.name}</span>
            <span aria-hidden="true"> · </span>
            <span className="sr-only">, </span>
            {device.type}
          </span>
        </span>
      ) : (
        <span>{active ? "On a Spotify device" : "No active device"}</span>
      )}
      {active && !loading ? (
        <span className="flex shrink-0 items-center gap-2">
          {player.shuffle ? (
            <span title="Shuffle on" className="text-accent-strong dark:text-accent">
              <ShuffleIcon className="size-4" />
              <span className="sr-only">Shuffle on</span>
            </span>
          ) : null}
          {player.repeat !== "off" ? (
            <span
              title={player.repeat === "track" ? "Repeating this track" : "Repeat on"}
              className="flex items-center text-accent-strong dark:text-accent"
            >
              <RepeatIcon className="size-4" />
              {player.repeat === "track" ? <span className="text-[10px] font-bold">1</span> : null}
              <span className="sr-only">
                {player.repeat === "track" ? "Repeating this track" : "Repeat on"}
              </span>
            </span>
          ) : null}
        </span>
      ) : null}
    </div>
  );
}
