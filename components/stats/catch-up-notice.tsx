// Said on /stats while an import's plays are stored but its days' rollups are still being rebuilt
// (lib/import/stats-catch-up.ts): the figures may leave some imported plays out for a little while.
import { AlertIcon } from "@/components/ui/icons";

export function CatchUpNotice() {
  return (
    <div
      role="status"
      data-testid="stats-catching-up"
      className="flex items-start gap-3 rounded-xl bg-amber-50 px-3 py-2.5 text-sm text-amber-950 ring-1 ring-amber-200 dark:bg-amber-950/40 dark:text-amber-100 dark:ring-amber-900"
    >
      <AlertIcon className="mt-0.5 size-4 shrink-0 text-amber-600 dark:text-amber-400" />
      <p>
        Your stats are catching up with an import: its plays are in your history, and they are being counted
        here in the background. Reload in a little while to see them all.
      </p>
    </div>
  );
}
