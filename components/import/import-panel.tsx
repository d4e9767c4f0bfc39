"use client";
// The import page: drop an export, read its preview, run it (with progress, pace and time left, and
// a Cancel), then undo any past import; and download the whole history. The server owns the job: a
// reload finds it where it is (GET /api/import), and the page follows it by polling.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { SettingsSection } from "@/components/settings/settings-section";
import { Button } from "@/components/ui/button";
import { apiFetch, type ApiClientError } from "@/lib/client/api-fetch";
import { formatRelative } from "@/lib/client/format-time";
import { formatEta, importProgress } from "@/lib/client/import-progress";
import { useNow } from "@/lib/client/use-now";
import type { ImportList, ImportView } from "@/lib/import/types";
import { DropZone } from "./drop-zone";
import { ImportFacts } from "./import-preview";

const importsKey = ["imports"] as const;
const n = (value: number) => value.toLocaleString();

/** `demoExportUrl`: in demo mode, where the emulator serves this listener's own export. */
export function ImportPanel({ demoExportUrl }: { demoExportUrl: string | null }) {
  const client = useQueryClient();
  const list = useQuery<ImportList, ApiClientError>({
    queryKey: importsKey,
    queryFn: ({ signal }) => apiFetch<ImportList>("/api/import", { signal }),
    // Follow a running job closely, and its stats catch-up loosely; otherwise nothing changes by itself.
    refetchInterval: (query) => {
      const imports = query.state.data?.imports ?? [];
      if (imports.some((i) => i.status === "running")) return 700;
      return imports.some((i) => i.statsPending) ? 3_000 : false;
    },
  });
  const refresh = () => client.invalidateQueries({ queryKey: importsKey });
  const upload = useMutation<ImportView, ApiClientError, File>({
    mutationFn: (file) =>
      apiFetch<ImportView>("/api/import", {
        method: "POST",
        file: {
          body: file,
          headers: {
            "content-type": file.type || "application/octet-stream",
            "x-file-name": encodeURIComponent(file.name),
          },
        },
      }),
    onSettled: refresh,
  });
  const action = useMutation<ImportView, ApiClientError, { id: string; verb: "start" | "cancel" | "undo" }>({
    mutationFn: ({ id, verb }) => apiFetch<ImportView>(`/api/import/${id}/${verb}`, { method: "POST" }),
    onSettled: refresh,
  });

  const imports = list.data?.imports ?? [];
  const current = imports.find((i) => i.status === "ready" || i.status === "running");
  const past = imports.filter((i) => i !== current);
  const busy = upload.isPending || current?.status === "running";

  return (
    <div className="flex flex-col gap-6">
      <SettingsSection title="Import Spotify's data export" id="import">
        <p className="text-sm text-zinc-500 dark:text-zinc-400">
          Spotify keeps only your last 50 plays within reach, but its data export holds all of it. Ask for it
          on Spotify&apos;s privacy page (&quot;Extended streaming history&quot; covers your whole life on
          Spotify; &quot;Account data&quot; the last year), then drop the zip here. Earshot reads it without
          asking Spotify anything. A play is a song heard for 30 seconds or more: skips, podcasts, audiobooks
          and video are counted but not kept. Plays Earshot already has (recorded, or imported before) are
          recognised and not added twice.
        </p>
        {demoExportUrl ? (
          <p className="text-sm text-zinc-700 dark:text-zinc-300">
            Demo: the emulator has an export of your demo listener&apos;s years of listening.{" "}
            <a
              className="font-semibold text-accent-strong underline dark:text-accent"
              href={demoExportUrl}
              download="my_spotify_data.zip"
            >
              Download the demo export
            </a>
            , then drop it below.
          </p>
        ) : null}
        <DropZone disabled={busy} onFile={(file) => upload.mutate(file)} />
        {upload.isPending ? (
          <p role="status" className="text-sm">
            Reading {upload.variables?.name}…
          </p>
        ) : null}
        {upload.isError ? (
          <p role="alert" data-testid="upload-error" className="text-sm text-red-600 dark:text-red-400">
            {upload.error.message}
          </p>
        ) : null}
        {action.isError ? (
          <p role="alert" className="text-sm text-red-600 dark:text-red-400">
            {action.error.message}
          </p>
        ) : null}
        {list.isError ? (
          <p role="alert" className="text-sm text-red-600 dark:text-red-400">
            {list.error.message}
          </p>
        ) : null}
        {current?.status === "ready" ? (
          <Preview
            view={current}
            pending={action.isPending}
            act={(verb) => action.mutate({ id: current.id, verb })}
          />
        ) : null}
        {current?.status === "running" ? (
          <Running
            view={current}
            pending={action.isPending}
            cancel={() => action.mutate({ id: current.id, verb: "cancel" })}
          />
        ) : null}
      </SettingsSection>

      {past.length > 0 ? (
        <SettingsSection title="Past imports" id="past-imports">
          <ul className="flex flex-col divide-y divide-zinc-200 dark:divide-zinc-800">
            {past.map((view) => (
              <li
                key={view.id}
                data-testid="past-import"
                className="flex flex-wrap items-center justify-between gap-3 py-3 text-sm"
              >
                <span>
                  <span className="font-medium">{view.fileName}</span>{" "}
                  <span className="text-zinc-500 dark:text-zinc-400">
                    {describePast(view)} · {formatRelative(view.finishedAt ?? view.createdAt)}
                  </span>
                </span>
                {view.status === "done" && view.added > 0 ? (
                  <Button
                    disabled={action.isPending}
                    onClick={() => action.mutate({ id: view.id, verb: "undo" })}
                  >
                    Undo this import
                  </Button>
                ) : null}
              </li>
            ))}
          </ul>
        </SettingsSection>
      ) : null}

      <SettingsSection title="Export your history" id="export">
        <p className="text-sm text-zinc-500 dark:text-zinc-400">
          Every play Earshot keeps, oldest first: as JSON in the shape of Spotify&apos;s Extended streaming
          history (fields Earshot does not know are null; Earshot, and tools that read Spotify&apos;s export,
          read it back), or as CSV for a spreadsheet.
        </p>
        <div className="flex flex-wrap gap-3">
          <a
            className="text-sm font-semibold text-accent-strong underline dark:text-accent"
            href="/api/export?format=json"
            download
          >
            Download JSON
          </a>
          <a
            className="text-sm font-semibold text-accent-strong underline dark:text-accent"
            href="/api/export?format=csv"
            download
          >
            Download CSV
          </a>
        </div>
      </SettingsSection>
    </div>
  );
}

function Preview({
  view,
  pending,
  act,
}: {
  view: ImportView;
  pending: boolean;
  act: (verb: "start" | "cancel") => void;
}) {
  return (
    <div className="flex flex-col gap-4 rounded-xl bg-zinc-50 p-4 dark:bg-zinc-950">
      <p className="text-sm font-medium">
        {view.fileName}: {n(view.rows)} rows read. Nothing is written until you import.
      </p>
      <ImportFacts view={view} />
      <div className="flex flex-wrap gap-3">
        <Button variant="primary" disabled={pending || view.toAdd === 0} onClick={() => act("start")}>
          {view.toAdd === 0 ? "Nothing to add" : `Import ${n(view.toAdd)} plays`}
        </Button>
        <Button disabled={pending} onClick={() => act("cancel")}>
          Discard
        </Button>
      </div>
    </div>
  );
}

function Running({ view, pending, cancel }: { view: ImportView; pending: boolean; cancel: () => void }) {
  const now = useNow(500);
  const progress = importProgress(view, now);
  const percent = Math.round(progress.fraction * 100);
  return (
    <div className="flex flex-col gap-3 rounded-xl bg-zinc-50 p-4 dark:bg-zinc-950">
      <p className="text-sm font-medium">Importing {view.fileName}…</p>
      <div
        role="progressbar"
        aria-label="Import progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        className="h-2 overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-800"
      >
        <div className="h-full bg-accent transition-[width]" style={{ width: `${percent}%` }} />
      </div>
      <p data-testid="import-progress" className="text-sm text-zinc-600 dark:text-zinc-400">
        {n(view.processed)} of {n(view.plays)} plays ({percent}%), {n(view.added)} added
        {progress.rowsPerSecond !== null ? ` · ${n(Math.round(progress.rowsPerSecond))} rows/s` : ""}
        {progress.etaSeconds !== null ? ` · about ${formatEta(progress.etaSeconds)} left` : ""}
      </p>
      <div>
        <Button disabled={pending || view.cancelRequested} onClick={cancel}>
          {view.cancelRequested ? "Cancelling…" : "Cancel"}
        </Button>
      </div>
    </div>
  );
}

function describePast(view: ImportView): string {
  switch (view.status) {
    case "done":
      return (
        `${n(view.added)} plays added${view.present > 0 ? `, ${n(view.present)} already there` : ""}` +
        (view.statsPending ? "; your stats are still counting them" : "")
      );
    case "undone":
      return "undone: its plays were removed";
    case "cancelled":
      return "cancelled: nothing kept";
    case "failed":
      return `failed: ${view.error ?? "nothing kept"}`;
    default:
      return view.status;
  }
}
