"use client";
// The OBS overlay: what someone is playing, pushed by the server over Server-Sent Events (one
// schedule per listener, however many watch). It shows only what the owner chose, in their theme and
// size, and disappears for good when the owner turns sharing off or resets the links.
import { useEffect, useState } from "react";
import type { ShareOptions } from "@/lib/share/share-options";
import type { SharedView } from "@/lib/share/shared-view";
import { overlayLines, progressNow } from "@/lib/share/overlay-view";

type Live = { view: SharedView; options: ShareOptions; offsetMs: number; receivedAt: number };

const SIZE = {
  small: { cover: "size-14", title: "text-base", sub: "text-xs", gap: "gap-3 p-2.5", width: "w-80" },
  medium: { cover: "size-20", title: "text-lg", sub: "text-sm", gap: "gap-4 p-3", width: "w-[26rem]" },
  large: { cover: "size-28", title: "text-2xl", sub: "text-base", gap: "gap-5 p-4", width: "w-[34rem]" },
} as const;

const THEME = {
  // A translucent dark panel on a transparent page: readable over any video or scene in OBS.
  transparent: { card: "bg-black/60 text-white rounded-2xl", muted: "text-white/90", track: "bg-white/30" },
  light: {
    card: "bg-white text-zinc-900 shadow-lg ring-1 ring-zinc-200 rounded-2xl",
    muted: "text-zinc-600",
    track: "bg-zinc-200",
  },
  dark: {
    card: "bg-zinc-900 text-zinc-50 shadow-lg ring-1 ring-zinc-800 rounded-2xl",
    muted: "text-zinc-400",
    track: "bg-zinc-700",
  },
} as const;

export function ShareOverlay({ secret, initialOptions }: { secret: string; initialOptions: ShareOptions }) {
  const [live, setLive] = useState<Live | null>(null);
  const [closed, setClosed] = useState(false);

  useEffect(() => {
    const source = new EventSource(`/share/${encodeURIComponent(secret)}/events`);
    source.addEventListener("view", (event) => {
      const data = JSON.parse((event as MessageEvent<string>).data) as {
        view: SharedView;
        options: ShareOptions;
        serverNow: number;
      };
      const receivedAt = Date.now();
      setLive({ view: data.view, options: data.options, offsetMs: data.serverNow - receivedAt, receivedAt });
    });
    // Turned off or reset: the link is dead, and reconnecting would only be refused.
    source.addEventListener("closed", () => {
      source.close();
      setClosed(true);
    });
    return () => source.close();
  }, [secret]);

  const options = live?.options ?? initialOptions;
  const transparent = options.theme === "transparent";
  const page = transparent ? <style>{"html,body{background:transparent!important}"}</style> : null;
  if (closed)
    return (
      <div data-testid="share-overlay" data-state="closed">
        {page}
      </div>
    );
  if (!live)
    return (
      <div data-testid="share-overlay" data-state="connecting">
        {page}
      </div>
    );

  const { view } = live;
  const lines = overlayLines(view);
  const size = SIZE[options.size];
  const theme = THEME[options.theme];
  if (view.state === "idle" && options.hideWhenIdle) {
    return (
      <div data-testid="share-overlay" data-state="idle" hidden>
        {page}
      </div>
    );
  }
  const cover = view.state !== "idle" ? view.coverUrl : null;
  return (
    <div
      data-testid="share-overlay"
      data-state={view.state}
      data-kind={view.state === "idle" ? undefined : view.kind}
      className="p-2"
    >
      {page}
      <div aria-live="polite" className={`flex items-center ${size.gap} ${size.width} ${theme.card}`}>
        {cover ? (
          // Covers come from Spotify's CDN; next/image's optimizer would add a round trip for nothing.
          <img src={cover} alt="" className={`${size.cover} shrink-0 rounded-lg object-cover`} />
        ) : null}
        <div className="min-w-0 flex-1">
          <p className={`${size.sub} font-semibold tracking-wider uppercase ${theme.muted}`}>{lines.label}</p>
          <p data-testid="share-title" className={`${size.title} truncate font-bold`}>
            {lines.title}
          </p>
          {lines.subtitle ? <p className={`${size.sub} truncate ${theme.muted}`}>{lines.subtitle}</p> : null}
          {view.state !== "idle" ? <ProgressBar live={live} track={theme.track} /> : null}
        </div>
      </div>
    </div>
  );
}

/** A CSS animation runs the bar from the playhead to the end: smooth, and no work per frame. */
function ProgressBar({ live, track }: { live: Live; track: string }) {
  const progress = progressNow(live.view, live.receivedAt + live.offsetMs);
  if (!progress) return null;
  const running = live.view.state === "playing" && progress.remainingMs > 0;
  return (
    <div className={`mt-2 h-1.5 overflow-hidden rounded-full ${track}`} data-testid="share-progress">
      <div
        // A new key per answer restarts the animation from the new playhead.
        key={`${live.receivedAt}`}
        className="h-full origin-left rounded-full bg-[#1db954]"
        style={{
          transform: `scaleX(${progress.fraction})`,
          ["--share-from" as string]: String(progress.fraction),
          animation: running ? `share-progress ${progress.remainingMs}ms linear forwards` : undefined,
        }}
      />
    </div>
  );
}
