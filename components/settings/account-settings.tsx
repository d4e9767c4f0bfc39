"use client";
// Settings: recording (status, pause/resume), sessions (sign out everywhere) and "Delete all my
// data". Each action is one call to /api/account/*; after the two that end the session, the
// browser signs out locally too.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { signOut } from "@/lib/client/auth-actions";
import { Button } from "@/components/ui/button";
import { apiFetch, type ApiClientError } from "@/lib/client/api-fetch";
import { formatRelative } from "@/lib/client/format-time";
import type { RecordingStatus } from "@/lib/history/recording-status";
import { DeleteAccount } from "./delete-account";
import { SettingsSection } from "./settings-section";

const accountKey = ["account"] as const;

export function AccountSettings() {
  const client = useQueryClient();
  const status = useQuery<RecordingStatus, ApiClientError>({
    queryKey: accountKey,
    queryFn: ({ signal }) => apiFetch<RecordingStatus>("/api/account", { signal }),
    // "last synced 4 min ago" stays true while the page is open.
    refetchInterval: 30_000,
  });
  const recording = useMutation<RecordingStatus, ApiClientError, boolean>({
    mutationFn: (paused) =>
      apiFetch<RecordingStatus>("/api/account/recording", { method: "PUT", json: { paused } }),
    onSuccess: (next) => client.setQueryData(accountKey, next),
  });
  const everywhere = useMutation<{ ended: number }, ApiClientError>({
    mutationFn: () => apiFetch("/api/account/sessions", { method: "DELETE" }),
    onSuccess: () => void signOut({ callbackUrl: "/" }),
  });

  const data = status.data;
  return (
    <div className="flex flex-col gap-6">
      <SettingsSection title="Recording" id="recording">
        {status.isPending ? (
          <p className="text-sm text-zinc-500">Loading…</p>
        ) : status.isError ? (
          <p role="alert" className="text-sm text-red-600 dark:text-red-400">
            {status.error.message}
          </p>
        ) : (
          <>
            <p data-testid="recording-status" className="text-sm text-zinc-700 dark:text-zinc-300">
              {describeRecording(data!)}
            </p>
            <p className="text-sm text-zinc-500 dark:text-zinc-400">
              Earshot checks Spotify about every 20 minutes while you listen (hourly after a long silence), so
              your history keeps growing with no tab open. {data!.plays.toLocaleString()} plays kept
              {data!.gaps > 0
                ? `; ${data!.gaps} stretch${data!.gaps === 1 ? "" : "es"} may be missing plays`
                : ""}
              .
            </p>
            <div>
              <Button
                variant={data!.paused ? "primary" : "secondary"}
                disabled={recording.isPending || data!.reauthRequired}
                onClick={() => recording.mutate(!data!.paused)}
              >
                {data!.paused ? "Resume recording" : "Pause recording"}
              </Button>
            </div>
            {recording.isError ? (
              <p role="alert" className="text-sm text-red-600 dark:text-red-400">
                {recording.error.message}
              </p>
            ) : null}
          </>
        )}
      </SettingsSection>

      <SettingsSection title="Sessions" id="sessions">
        <p className="text-sm text-zinc-500 dark:text-zinc-400">
          Signs Earshot out on every browser and device, this one included.
        </p>
        <div>
          <Button disabled={everywhere.isPending} onClick={() => everywhere.mutate()}>
            Sign out everywhere
          </Button>
        </div>
        {everywhere.isError ? (
          <p role="alert" className="text-sm text-red-600 dark:text-red-400">
            {everywhere.error.message}
          </p>
        ) : null}
      </SettingsSection>

      <DeleteAccount onDeleted={() => void signOut({ callbackUrl: "/" })} />
    </div>
  );
}

function describeRecording(status: RecordingStatus): string {
  if (status.reauthRequired)
    return "Recording stopped: Spotify no longer accepts your sign-in. Sign in again to resume.";
  const synced = status.lastSyncedAt
    ? `last synced ${formatRelative(status.lastSyncedAt)}`
    : "not synced yet";
  if (status.paused)
    return `Recording is paused (${synced}). Plays older than Spotify's last 50 are not kept while paused.`;
  const failing = status.lastError ? ` The last attempt failed; it will be retried.` : "";
  return `Recording is on: ${synced}.${failing}`;
}
