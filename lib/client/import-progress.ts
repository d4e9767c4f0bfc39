// The import page's progress line: how far a running import is, its pace (plays gone through per
// second since it started) and the time left at that pace. Pure, for the page and its tests.
import type { ImportView } from "@/lib/import/types";

export type ImportProgress = { fraction: number; rowsPerSecond: number | null; etaSeconds: number | null };

export function importProgress(
  view: Pick<ImportView, "plays" | "processed" | "startedAt">,
  now: number,
): ImportProgress {
  const fraction = view.plays === 0 ? 1 : Math.min(1, view.processed / view.plays);
  const started = view.startedAt ? Date.parse(view.startedAt) : NaN;
  const elapsed = (now - started) / 1000;
  if (!Number.isFinite(elapsed) || elapsed < 0.5 || view.processed === 0) {
    return { fraction, rowsPerSecond: null, etaSeconds: null };
  }
  const rowsPerSecond = view.processed / elapsed;
  return { fraction, rowsPerSecond, etaSeconds: Math.max(0, (view.plays - view.processed) / rowsPerSecond) };
}

export function formatEta(seconds: number): string {
  if (seconds < 1) return "less than a second";
  if (seconds < 90) return `${Math.round(seconds)} s`;
  return `${Math.round(seconds / 60)} min`;
}
