// The signed-in pages' top bar frame: a fixed 4rem (h-16) that the pages' sticky parts are placed
// against (the day headings' top-16, the card's lg:top-24), so it must not change height.
import type { ReactNode } from "react";

export function HeaderShell({ start, end }: { start: ReactNode; end: ReactNode }) {
  return (
    <header className="sticky top-0 z-20 border-b border-zinc-200/80 bg-zinc-50/85 backdrop-blur-md dark:border-zinc-800/80 dark:bg-zinc-950/85">
      <div className="mx-auto flex h-16 max-w-6xl items-center justify-between gap-4 px-4 sm:px-6">
        {start}
        {end}
      </div>
    </header>
  );
}
