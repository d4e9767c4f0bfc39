// What the import routes answer with: one import, its preview and its job's progress. Shared by the
// server (lib/import/import-store.ts) and the import page.

export type ImportStatus = "staging" | "ready" | "running" | "done" | "cancelled" | "failed" | "undone";

export type ImportView = {
  id: string;
  fileName: string;
  status: ImportStatus;
  /** Which of Spotify's exports the upload held. */
  formats: ("extended" | "account")[];
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** Rows read from the export's files. */
  rows: number;
  /** Plays in the export (music of 30 s or more), each once: Spotify's files overlap. */
  plays: number;
  /** Plays that were in more than one of the export's files (counted once above). */
  duplicates: number;
  /** At the preview: plays already stored (recorded, or imported before), and those to add. */
  present: number;
  toAdd: number;
  skipped: { short: number; noTrack: number; podcast: number; video: number };
  rejected: number;
  rejectReasons: { reason: string; count: number }[];
  files: string[];
  /** The plays' date range (ISO instants), null when there are none. */
  firstAt: string | null;
  lastAt: string | null;
  /** The job: plays gone through of `plays`, and added so far. */
  processed: number;
  added: number;
  cancelRequested: boolean;
  /** Plays of it are stored that the stats do not count yet (lib/import/stats-catch-up.ts). */
  statsPending: boolean;
  /** The export's `username` when it is not the signed-in account's. */
  usernameMismatch: { exportUsername: string; accountUsername: string } | null;
  error: string | null;
};

export type ImportList = { imports: ImportView[] };

export const IMPORT_ACTIVE: readonly ImportStatus[] = ["staging", "ready", "running"];
