"use client";
// The one line that says why the dashboard is not live right now, and what to do about it.
import { signIn } from "@/lib/client/auth-actions";
import { type ConnectionNotice as Notice, secondsUntil } from "@/lib/client/connection";
import { useNow } from "@/lib/client/use-now";
import { Button } from "@/components/ui/button";
import { AlertIcon, ClockIcon } from "@/components/ui/icons";

export function ConnectionNotice({ notice }: { notice: Notice }) {
  const now = useNow(1_000, notice.kind === "rate_limited");
  const frame = "flex items-start gap-3 rounded-2xl px-4 py-3 text-sm ring-1";
  const calm = `${frame} bg-white text-zinc-700 ring-zinc-200 dark:bg-zinc-900 dark:text-zinc-300 dark:ring-zinc-800`;
  const warn = `${frame} bg-amber-50 text-amber-950 ring-amber-200 dark:bg-amber-950 dark:text-amber-100 dark:ring-amber-900`;

  switch (notice.kind) {
    case "reauth":
      return (
        <div
          role="alert"
          data-testid="connection-notice"
          data-kind="reauth"
          className={`${warn} flex-col sm:flex-row sm:items-center`}
        >
          <AlertIcon className="hidden size-5 shrink-0 sm:block" />
          <div className="min-w-0 flex-1">
            <p className="font-semibold">Your Spotify sign-in expired</p>
            <p className="text-amber-900/80 dark:text-amber-100/80">
              Sign in again to keep your dashboard up to date.
            </p>
          </div>
          <Button variant="primary" onClick={() => void signIn("spotify", { callbackUrl: "/dashboard" })}>
            Sign in again
          </Button>
        </div>
      );
    case "forbidden":
      return (
        <div role="alert" data-testid="connection-notice" data-kind="forbidden" className={warn}>
          <AlertIcon className="mt-0.5 size-5 shrink-0" />
          <div className="min-w-0">
            <p className="font-semibold">Spotify won&apos;t share your listening with Earshot</p>
            <p className="text-amber-900/80 dark:text-amber-100/80">{notice.message}</p>
          </div>
        </div>
      );
    case "rate_limited": {
      // `now` ticks once a second and may predate the answer: never count from above what Spotify said.
      const seconds =
        notice.resumeAt === null
          ? null
          : Math.min(notice.retryAfterSeconds, secondsUntil(notice.resumeAt, now));
      return (
        <div role="status" data-testid="connection-notice" data-kind="rate_limited" className={calm}>
          <ClockIcon className="mt-0.5 size-5 shrink-0 text-zinc-500" />
          <p>
            Spotify asked us to slow down;{" "}
            {seconds === null ? (
              "updates resume shortly."
            ) : seconds > 0 ? (
              <>
                updates resume in <span className="font-semibold tabular-nums">{seconds}</span> s.
              </>
            ) : (
              "resuming updates…"
            )}
          </p>
        </div>
      );
    }
    case "reconnecting":
      return (
        <div role="status" data-testid="connection-notice" data-kind="reconnecting" className={calm}>
          <span
            aria-hidden="true"
            className="mt-1.5 size-2 shrink-0 rounded-full bg-amber-500 motion-safe:animate-pulse"
          />
          <p>
            <span className="font-semibold">Reconnecting…</span>{" "}
            {notice.offline ? "You seem to be offline." : "Spotify didn't answer."} Showing the last update.
          </p>
        </div>
      );
  }
}
