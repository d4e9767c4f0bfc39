// What an upload holds, before anything is written: plays to add, already there, skipped, rejected.
import type { ImportView } from "@/lib/import/types";

const n = (value: number) => value.toLocaleString();
const day = (iso: string) =>
  new Date(iso).toLocaleDateString(undefined, { dateStyle: "medium", timeZone: "UTC" });

export function ImportFacts({ view }: { view: ImportView }) {
  const skipped = view.skipped.short + view.skipped.noTrack + view.skipped.podcast + view.skipped.video;
  return (
    <div className="flex flex-col gap-3 text-sm">
      <dl data-testid="import-preview" className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
        <dt className="text-zinc-500 dark:text-zinc-400">Plays to add</dt>
        <dd data-testid="to-add" className="font-semibold">
          {n(view.toAdd)}
        </dd>
        <dt className="text-zinc-500 dark:text-zinc-400">Already in Earshot</dt>
        <dd data-testid="present">{n(view.present)}</dd>
        <dt className="text-zinc-500 dark:text-zinc-400">Rows skipped</dt>
        <dd data-testid="skipped">
          {n(skipped)}
          {skipped > 0
            ? ` (${[
                [view.skipped.short, "under 30 s"],
                [view.skipped.noTrack, "no track"],
                [view.skipped.podcast, "podcasts and audiobooks"],
                [view.skipped.video, "video"],
              ]
                .filter(([count]) => Number(count) > 0)
                .map(([count, label]) => `${n(Number(count))} ${label}`)
                .join(", ")})`
            : ""}
        </dd>
        <dt className="text-zinc-500 dark:text-zinc-400">Rows rejected</dt>
        <dd data-testid="rejected">
          {n(view.rejected)}
          {view.rejectReasons.length > 0
            ? ` (${view.rejectReasons.map((r) => `${n(r.count)}: ${r.reason}`).join("; ")})`
            : ""}
        </dd>
        {view.duplicates > 0 ? (
          <>
            <dt className="text-zinc-500 dark:text-zinc-400">In two files</dt>
            <dd>{n(view.duplicates)} (Spotify&apos;s files overlap; counted once)</dd>
          </>
        ) : null}
        <dt className="text-zinc-500 dark:text-zinc-400">Dates</dt>
        <dd data-testid="date-range">
          {view.firstAt && view.lastAt ? `${day(view.firstAt)} – ${day(view.lastAt)}` : "no plays"}
        </dd>
      </dl>
      {view.usernameMismatch ? (
        <p
          role="alert"
          className="rounded-lg bg-amber-100 p-3 text-amber-900 dark:bg-amber-950 dark:text-amber-200"
        >
          This export belongs to <strong>{view.usernameMismatch.exportUsername}</strong>, but you are signed
          in as <strong>{view.usernameMismatch.accountUsername}</strong>. Import it only if it is yours.
        </p>
      ) : null}
    </div>
  );
}
