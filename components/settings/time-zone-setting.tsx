"use client";
// Settings › Time zone: the zone stats cut days and hours in. Saving a new one rebuilds the
// person's stats in the database before it answers.
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { apiFetch, type ApiClientError } from "@/lib/client/api-fetch";
import { timeZoneNames } from "@/lib/stats/time-zones";
import { SettingsSection } from "./settings-section";

export function TimeZoneSetting({ current }: { current: string | null }) {
  const router = useRouter();
  const zones = useMemo(() => timeZoneNames(), []);
  const browserZone = useMemo(() => Intl.DateTimeFormat().resolvedOptions().timeZone, []);
  const [choice, setChoice] = useState(current ?? browserZone ?? "UTC");
  const save = useMutation<{ timeZone: string | null }, ApiClientError, string>({
    mutationFn: (timeZone) => apiFetch("/api/account/time-zone", { method: "PUT", json: { timeZone } }),
    onSuccess: () => router.refresh(),
  });
  return (
    <SettingsSection title="Time zone" id="time-zone">
      <p className="text-sm text-zinc-500 dark:text-zinc-400">
        Stats cut days and hours in this zone; saving a new one recounts all your stats, which takes a while
        with years of plays. {current ? `Now: ${current}.` : "Not set yet: stats use UTC."}
        {browserZone && browserZone !== current ? ` Your browser is in ${browserZone}.` : ""}
      </p>
      <form
        className="flex flex-wrap items-end gap-2"
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate(choice);
        }}
      >
        <label className="flex flex-col gap-1 text-sm">
          <span className="text-zinc-600 dark:text-zinc-400">Zone</span>
          <select
            value={choice}
            onChange={(event) => setChoice(event.target.value)}
            className="h-10 rounded-lg bg-white px-2 ring-1 ring-zinc-300 dark:bg-zinc-900 dark:ring-zinc-700"
          >
            {(zones.includes(choice) ? zones : [choice, ...zones]).map((zone) => (
              <option key={zone} value={zone}>
                {zone}
              </option>
            ))}
          </select>
        </label>
        <Button type="submit" disabled={save.isPending || choice === current}>
          {save.isPending ? "Saving…" : "Save time zone"}
        </Button>
      </form>
      {save.isError ? (
        <p role="alert" className="text-sm text-red-600 dark:text-red-400">
          {save.error.message}
        </p>
      ) : save.isSuccess ? (
        <p role="status" className="text-sm text-zinc-600 dark:text-zinc-400">
          Saved: stats now use {save.data.timeZone}.
        </p>
      ) : null}
    </SettingsSection>
  );
}
