"use client";
// "Delete all my data": tokens, sessions, plays, everything; only after typing the phrase, so that
// a slip of the finger cannot do it.
import { useMutation } from "@tanstack/react-query";
import { useId, useState } from "react";
import { DELETE_CONFIRMATION } from "@/app/api/account/schema";
import { Button } from "@/components/ui/button";
import { apiFetch, type ApiClientError } from "@/lib/client/api-fetch";
import { SettingsSection } from "./settings-section";

export function DeleteAccount({ onDeleted }: { onDeleted: () => void }) {
  const [confirming, setConfirming] = useState(false);
  const [typed, setTyped] = useState("");
  const inputId = useId();
  const remove = useMutation<{ deleted: boolean }, ApiClientError>({
    mutationFn: () => apiFetch("/api/account", { method: "DELETE", json: { confirm: typed } }),
    onSuccess: onDeleted,
  });

  return (
    <SettingsSection title="Delete all my data" id="delete" tone="danger">
      <p className="text-sm text-zinc-500 dark:text-zinc-400">
        Removes your Spotify sign-in, every session and every play Earshot has kept for you. It cannot be
        undone; your Spotify account is not touched.
      </p>
      {confirming ? (
        <form
          className="flex flex-col gap-3"
          onSubmit={(event) => {
            event.preventDefault();
            remove.mutate();
          }}
        >
          <label htmlFor={inputId} className="text-sm">
            Type <strong>{DELETE_CONFIRMATION}</strong> to confirm
          </label>
          <input
            id={inputId}
            value={typed}
            autoComplete="off"
            onChange={(event) => setTyped(event.target.value)}
            className="h-10 rounded-lg bg-zinc-50 px-3 text-sm ring-1 ring-zinc-300 outline-none focus-visible:ring-2 focus-visible:ring-red-500 dark:bg-zinc-950 dark:ring-zinc-700"
          />
          <div className="flex gap-2">
            <Button
              type="submit"
              disabled={typed !== DELETE_CONFIRMATION || remove.isPending}
              className="bg-red-600 text-white ring-0 hover:bg-red-700 dark:bg-red-600 dark:text-white dark:hover:bg-red-700"
            >
              Delete everything
            </Button>
            <Button variant="ghost" onClick={() => setConfirming(false)}>
              Cancel
            </Button>
          </div>
          {remove.isError ? (
            <p role="alert" className="text-sm text-red-600 dark:text-red-400">
              {remove.error.message}
            </p>
          ) : null}
        </form>
      ) : (
        <div>
          <Button onClick={() => setConfirming(true)}>Delete all my data…</Button>
        </div>
      )}
    </SettingsSection>
  );
}
