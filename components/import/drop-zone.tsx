"use client";
// Where an export is dropped (or chosen with the file picker, for keyboards and phones).
import { useRef, useState } from "react";
import { Button } from "@/components/ui/button";

export function DropZone({ disabled, onFile }: { disabled: boolean; onFile: (file: File) => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  return (
    <div
      data-testid="drop-zone"
      onDragOver={(event) => {
        event.preventDefault();
        if (!disabled) setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(event) => {
        event.preventDefault();
        setOver(false);
        const file = event.dataTransfer.files[0];
        if (file && !disabled) onFile(file);
      }}
      className={`flex flex-col items-center gap-3 rounded-2xl border-2 border-dashed p-8 text-center transition-colors ${
        over ? "border-accent bg-accent/10" : "border-zinc-300 dark:border-zinc-700"
      }`}
    >
      <p className="text-sm text-zinc-700 dark:text-zinc-300">
        Drop <span className="font-mono">my_spotify_data.zip</span> here, or one of its JSON files.
      </p>
      <Button disabled={disabled} onClick={() => input.current?.click()}>
        Choose a file
      </Button>
      <input
        ref={input}
        type="file"
        accept=".zip,.json,application/zip,application/json"
        className="sr-only"
        tabIndex={-1}
        aria-label="Spotify data export file"
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = "";
          if (file) onFile(file);
        }}
      />
    </div>
  );
}
