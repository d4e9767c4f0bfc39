"use client";
// The history's search and filters. Each change becomes a new URL (so Back undoes it and a view can
// be shared); typing waits for a pause before it does, so one search is one history entry.
import { useEffect, useId, useRef, useState } from "react";
import type { HistoryView } from "@/lib/client/history-view";
import { EMPTY_VIEW, isFiltered } from "@/lib/client/history-view";
import { Button, focusRing } from "@/components/ui/button";

const SEARCH_PAUSE_MS = 350;

const field =
  "h-10 rounded-lg bg-white px-3 text-sm ring-1 ring-zinc-300 dark:bg-zinc-900 dark:ring-zinc-700 dark:[color-scheme:dark] " +
  focusRing;
/** The filters' controls: a whole grid cell on a phone, their own width from a tablet up. */
const control = `${field} w-full sm:w-auto`;

export function HistoryToolbar({
  view,
  labels,
  onChange,
}: {
  view: HistoryView;
  /** Names for the artist and album filters, when the rows shown know them. */
  labels: { artist: string | null; album: string | null };
  /** A change to the view; the caller applies it on top of any change not yet in the URL. */
  onChange: (change: Partial<HistoryView>) => void;
}) {
  const id = useId();
  const [q, setQ] = useState(view.q);
  // The URL is the truth: Back, or a link that filters, sets the box.
  const typed = useRef(view.q);
  useEffect(() => {
    if (view.q !== typed.current) {
      typed.current = view.q;
      setQ(view.q);
    }
  }, [view.q]);
  useEffect(() => {
    if (q.trim() === view.q.trim()) return;
    const timer = window.setTimeout(() => {
      typed.current = q;
      onChange({ q, at: null });
    }, SEARCH_PAUSE_MS);
    return () => window.clearTimeout(timer);
  }, [q, view, onChange]);

  return (
    <div className="flex flex-col gap-3">
      <form
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          typed.current = q;
          onChange({ q, at: null });
        }}
      >
        <label htmlFor={`${id}-q`} className="sr-only">
          Search your history
        </label>
        <input
          id={`${id}-q`}
          type="search"
          value={q}
          maxLength={200}
          onChange={(event) => setQ(event.target.value)}
          placeholder="Search by title, artist or album"
          autoComplete="off"
          spellCheck={false}
          data-testid="history-search"
          className={`${field} w-full`}
        />
      </form>
      {/* Two columns on a phone (the jump spans both), one row from a tablet up. */}
      <div className="grid grid-cols-2 items-end gap-x-3 gap-y-2 sm:flex sm:flex-wrap">
        <Labelled label="Source" htmlFor={`${id}-source`} wide>
          <select
            id={`${id}-source`}
            value={view.source ?? ""}
            onChange={(event) =>
              onChange({
                source: event.target.value === "" ? null : (event.target.value as HistoryView["source"]),
              })
            }
            data-testid="history-source"
            className={control}
          >
            <option value="">All plays</option>
            <option value="recorded">Recorded</option>
            <option value="imported">Imported</option>
          </select>
        </Labelled>
        <Labelled label="From" htmlFor={`${id}-from`}>
          <input
            id={`${id}-from`}
            type="date"
            value={view.from ?? ""}
            max={view.to ?? undefined}
            onChange={(event) => onChange({ from: event.target.value || null })}
            data-testid="history-from"
            className={control}
          />
        </Labelled>
        <Labelled label="To" htmlFor={`${id}-to`}>
          <input
            id={`${id}-to`}
            type="date"
            value={view.to ?? ""}
            min={view.from ?? undefined}
            onChange={(event) => onChange({ to: event.target.value || null })}
            data-testid="history-to"
            className={control}
          />
        </Labelled>
        {/* Keyed by the URL's day, so Back (or "Back to newest") resets what was typed. */}
        <JumpToDate key={view.at ?? ""} id={`${id}-at`} day={view.at} onJump={(at) => onChange({ at })} />
      </div>
      {view.artist || view.album || isFiltered(view) ? (
        <div className="flex flex-wrap items-center gap-2" aria-label="Active filters" role="group">
          {view.artist ? (
            <Chip
              label={`Artist: ${labels.artist ?? "one artist"}`}
              onRemove={() => onChange({ artist: null })}
            />
          ) : null}
          {view.album ? (
            <Chip
              label={`Album: ${labels.album ?? "one album"}`}
              onRemove={() => onChange({ album: null })}
            />
          ) : null}
          <Button
            variant="ghost"
            className="h-8 px-3"
            onClick={() => {
              typed.current = "";
              setQ("");
              onChange(EMPTY_VIEW);
            }}
          >
            Clear all
          </Button>
        </div>
      ) : null}
    </div>
  );
}

function JumpToDate({ id, day, onJump }: { id: string; day: string | null; onJump: (day: string) => void }) {
  const [jump, setJump] = useState(day ?? "");
  return (
    <form
      className="col-span-2 flex items-end gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        if (jump) onJump(jump);
      }}
    >
      <Labelled label="Jump to date" htmlFor={id} grow>
        <input
          id={id}
          type="date"
          value={jump}
          onChange={(event) => setJump(event.target.value)}
          data-testid="history-jump"
          className={control}
        />
      </Labelled>
      <Button type="submit" disabled={!jump}>
        Go
      </Button>
    </form>
  );
}

function Labelled({
  label,
  htmlFor,
  grow = false,
  wide = false,
  children,
}: {
  label: string;
  htmlFor: string;
  /** Fills its row on a phone (the rest go two by two). */
  wide?: boolean;
  grow?: boolean;
  children: React.ReactNode;
}) {
  return (
    <div
      className={`flex min-w-0 flex-col gap-1 ${grow ? "flex-1 sm:flex-none" : ""} ${wide ? "col-span-2" : ""}`}
    >
      <label htmlFor={htmlFor} className="text-xs font-medium text-zinc-600 dark:text-zinc-400">
        {label}
      </label>
      {children}
    </div>
  );
}

function Chip({ label, onRemove }: { label: string; onRemove: () => void }) {
  return (
    <span
      data-testid="history-chip"
      className="inline-flex h-8 items-center gap-1 rounded-full bg-zinc-200 pr-1 pl-3 text-sm dark:bg-zinc-800"
    >
      {label}
      <button
        type="button"
        onClick={onRemove}
        aria-label={`Remove filter ${label}`}
        className={`inline-flex size-6 items-center justify-center rounded-full hover:bg-zinc-300 dark:hover:bg-zinc-700 ${focusRing}`}
      >
        <span aria-hidden="true">×</span>
      </button>
    </span>
  );
}
