// How minutes are counted, said where they are shown (the same words as the README's).
export function MinutesNote({ timeZone, timeZoneSet }: { timeZone: string; timeZoneSet: boolean }) {
  return (
    <p className="text-xs text-zinc-500 dark:text-zinc-400" data-testid="minutes-note">
      Minutes: an imported play counts the time Spotify says you heard. A recorded play counts the
      track&apos;s length, cut short if it would have begun before the previous play ended (Spotify stamps a
      play when it ends, so the time since the previous one ended is the most it can have lasted). Days and
      hours are in {timeZone}
      {timeZoneSet ? "" : " until your browser tells Earshot your time zone"}; change it in{" "}
      <a href="/settings#time-zone" className="underline underline-offset-2">
        Settings
      </a>
      .
    </p>
  );
}
