"use client";
// Settings › Share: an OBS overlay and a README card of what is playing, off until turned on. Every
// change is saved at once; the previews are the real overlay and card, so what you see is what
// viewers get. "Reset links" makes new ones and kills the old at once.
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { apiFetch, type ApiClientError } from "@/lib/client/api-fetch";
import { SHARE_SIZES, SHARE_THEMES, type ShareOptions } from "@/lib/share/share-options";
import type { ShareLinks } from "@/lib/share/share-urls";
import { SettingsSection } from "./settings-section";

const SHOWN: { key: keyof ShareOptions & string; label: string }[] = [
  { key: "cover", label: "Cover" },
  { key: "artists", label: "Artists or show" },
  { key: "album", label: "Album" },
  { key: "progress", label: "Progress bar" },
  { key: "paused", label: "Paused items (else: not playing)" },
  { key: "device", label: "Device name" },
  { key: "hideWhenIdle", label: "Hide the overlay when nothing plays" },
];

export function ShareSettings({ initial }: { initial: ShareLinks }) {
  const [links, setLinks] = useState(initial);
  // Bumped on every save, so the previews reload with what was saved.
  const [revision, setRevision] = useState(0);
  const save = useMutation<ShareLinks, ApiClientError, Pick<ShareLinks, "enabled" | "options">>({
    mutationFn: (body) => apiFetch("/api/account/share", { method: "PUT", json: body }),
    onSuccess: (saved) => {
      setLinks(saved);
      setRevision((r) => r + 1);
    },
  });
  const reset = useMutation<ShareLinks, ApiClientError, void>({
    mutationFn: () => apiFetch("/api/account/share/reset", { method: "POST" }),
    onSuccess: (saved) => {
      setLinks(saved);
      setRevision((r) => r + 1);
    },
  });
  const change = (next: Partial<Pick<ShareLinks, "enabled" | "options">>) => {
    const body = { enabled: next.enabled ?? links.enabled, options: next.options ?? links.options };
    setLinks({ ...links, ...body });
    save.mutate(body);
  };
  const error = save.error ?? reset.error;

  return (
    <SettingsSection title="Share" id="share">
      <p className="text-sm text-zinc-500 dark:text-zinc-400">
        Show what you are playing in OBS (a browser source) or in your GitHub profile README. Anyone with a
        link sees what it shows, and nothing else of yours; turn sharing off or reset the links at any time.
      </p>
      <label className="flex items-center gap-3 text-sm font-medium">
        <input
          type="checkbox"
          className="size-5 accent-[#1db954]"
          checked={links.enabled}
          onChange={(event) => change({ enabled: event.target.checked })}
        />
        Share what I am playing
      </label>
      {links.enabled && links.overlayUrl && links.cardUrl ? (
        <>
          <CopyField label="Overlay link (OBS browser source)" value={links.overlayUrl} />
          <CopyField label="Card image link" value={links.cardUrl} />
          <CopyField
            label="For a README (Markdown)"
            value={`![What I am playing on Spotify](${links.cardUrl})`}
          />
          <fieldset className="flex flex-col gap-2">
            <legend className="mb-1 text-sm font-medium">What shows</legend>
            <div className="grid gap-2 sm:grid-cols-2">
              {SHOWN.map(({ key, label }) => (
                <label key={key} className="flex items-center gap-2 text-sm">
                  <input
                    type="checkbox"
                    className="size-4 accent-[#1db954]"
                    checked={links.options[key] as boolean}
                    onChange={(event) =>
                      change({ options: { ...links.options, [key]: event.target.checked } })
                    }
                  />
                  {label}
                </label>
              ))}
            </div>
          </fieldset>
          <div className="flex flex-wrap gap-4">
            <Choice
              label="Theme"
              value={links.options.theme}
              choices={SHARE_THEMES}
              onChange={(theme) => change({ options: { ...links.options, theme } })}
            />
            <Choice
              label="Size"
              value={links.options.size}
              choices={SHARE_SIZES}
              onChange={(size) => change({ options: { ...links.options, size } })}
            />
          </div>
          <div className="flex flex-col gap-2">
            <p className="text-sm font-medium">Preview</p>
            <iframe
              key={`overlay-${links.overlayUrl}`}
              src={links.overlayUrl}
              title="Overlay preview"
              className="h-44 w-full rounded-lg bg-[repeating-conic-gradient(#d4d4d8_0_25%,#f4f4f5_0_50%)] bg-[length:16px_16px] ring-1 ring-zinc-200 dark:ring-zinc-800"
            />
            <img
              src={`${links.cardUrl}?preview=${revision}`}
              alt="Card preview"
              className="max-w-full self-start"
            />
          </div>
          <ResetLinks pending={reset.isPending} onReset={() => reset.mutate()} />
        </>
      ) : null}
      {error ? (
        <p role="alert" className="text-sm text-red-600 dark:text-red-400">
          {error.message}
        </p>
      ) : null}
    </SettingsSection>
  );
}

function CopyField({ label, value }: { label: string; value: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <label className="flex flex-col gap-1 text-sm">
      <span className="text-zinc-600 dark:text-zinc-400">{label}</span>
      <span className="flex gap-2">
        <input
          readOnly
          value={value}
          onFocus={(event) => event.target.select()}
          className="h-10 min-w-0 flex-1 rounded-lg bg-zinc-50 px-2 font-mono text-xs ring-1 ring-zinc-300 dark:bg-zinc-950 dark:ring-zinc-700"
        />
        <Button
          onClick={async () => {
            await navigator.clipboard.writeText(value);
            setCopied(true);
            setTimeout(() => setCopied(false), 2_000);
          }}
        >
          {copied ? "Copied" : "Copy"}
        </Button>
      </span>
    </label>
  );
}

function Choice<T extends string>({
  label,
  value,
  choices,
  onChange,
}: {
  label: string;
  value: T;
  choices: readonly T[];
  onChange: (value: T) => void;
}) {
  return (
    <label className="flex flex-col gap-1 text-sm">
      <span className="text-zinc-600 dark:text-zinc-400">{label}</span>
      <select
        value={value}
        onChange={(event) => onChange(event.target.value as T)}
        className="h-10 rounded-lg bg-white px-2 capitalize ring-1 ring-zinc-300 dark:bg-zinc-900 dark:ring-zinc-700"
      >
        {choices.map((choice) => (
          <option key={choice} value={choice}>
            {choice}
          </option>
        ))}
      </select>
    </label>
  );
}

function ResetLinks({ pending, onReset }: { pending: boolean; onReset: () => void }) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <Button className="self-start" onClick={() => setAsking(true)}>
        Reset links
      </Button>
    );
  }
  return (
    <div role="group" aria-label="Reset links" className="flex flex-wrap items-center gap-2 text-sm">
      <span>The old links stop working at once.</span>
      <Button
        variant="primary"
        disabled={pending}
        onClick={() => {
          onReset();
          setAsking(false);
        }}
      >
        {pending ? "Resetting…" : "Reset now"}
      </Button>
      <Button variant="ghost" onClick={() => setAsking(false)}>
        Cancel
      </Button>
    </div>
  );
}
