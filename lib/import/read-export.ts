// Reads an upload of Spotify's data export as a stream: a zip (read entry by entry with fflate's
// streaming Unzip, each JSON file parsed element by element) or a loose JSON file of either export.
// Memory stays flat: only the chunk being inflated, the row being parsed and one batch of plays are
// held. Every row is checked with zod and classified; plays are handed to `onPlays` in batches (the
// caller stages them), the rest are tallied. Limits guard against zip bombs and oversized uploads.
import { Unzip, UnzipInflate } from "fflate";
import {
  classifyRow,
  exportFormat,
  type FileLayout,
  fileLayout,
  type ImportPlay,
  type SkipReason,
} from "./export-rows";
import { JsonArrayStream, MalformedJsonError } from "./json-array-stream";

export type ReadLimits = {
  /** The upload itself (bytes as sent). */
  maxBytes: number;
  /** Entries in a zip (files and folders). */
  maxEntries: number;
  /** Bytes of JSON inflated from a zip, in all. */
  maxInflatedBytes: number;
  /** Inflated bytes per uploaded byte: real exports are JSON, which deflates about 10:1. */
  maxRatio: number;
};

export const DEFAULT_READ_LIMITS: Omit<ReadLimits, "maxBytes"> = {
  maxEntries: 1_000,
  maxInflatedBytes: 4 * 1024 ** 3,
  maxRatio: 100,
};

export type InputProblem = "not_export" | "malformed" | "too_large" | "zip_bomb" | "unknown_layout";

/** An upload Earshot cannot take; `problem` picks the response (413 for too_large, else 400). */
export class ImportInputError extends Error {
  override name = "ImportInputError";
  constructor(
    readonly problem: InputProblem,
    message: string,
  ) {
    super(message);
  }
}

export type ReadTallies = {
  rows: number;
  candidates: number;
  skipped: Record<SkipReason, number>;
  rejected: number;
  rejectReasons: Map<string, number>;
  /** The export's files that were read, in order. */
  files: string[];
  formats: Set<"extended" | "account">;
  /** `username` values seen in the Extended export (older exports carry one). */
  usernames: Set<string>;
};

const LAYOUT_HELP =
  "Upload Spotify's my_spotify_data.zip (Extended streaming history or Account data), or one of its " +
  "Streaming_History_Audio_*.json, endsong_*.json or StreamingHistory_music_*.json files.";

const formatBytes = (bytes: number) =>
  bytes >= 1024 ** 2
    ? `${Math.round(bytes / 1024 ** 2)} MB`
    : bytes >= 1024
      ? `${Math.round(bytes / 1024)} kB`
      : `${bytes} bytes`;

export async function readExport(
  body: AsyncIterable<Uint8Array>,
  options: {
    fileName: string;
    limits: ReadLimits;
    onPlays: (plays: ImportPlay[]) => Promise<void>;
    batchSize?: number;
  },
): Promise<ReadTallies> {
  const { limits } = options;
  const batchSize = options.batchSize ?? 5_000;
  const tallies: ReadTallies = {
    rows: 0,
    candidates: 0,
    skipped: { short: 0, noTrack: 0, podcast: 0, video: 0 },
    rejected: 0,
    rejectReasons: new Map(),
    files: [],
    formats: new Set(),
    usernames: new Set(),
  };
  let pending: ImportPlay[] = [];
  const take = (layout: FileLayout, raw: unknown) => {
    tallies.rows++;
    const outcome = classifyRow(layout, raw);
    if (outcome.kind === "play") {
      tallies.candidates++;
      if (outcome.username && tallies.usernames.size < 10) tallies.usernames.add(outcome.username);
      pending.push(outcome.play);
    } else if (outcome.kind === "skipped") {
      tallies.skipped[outcome.reason]++;
    } else {
      tallies.rejected++;
      tallies.rejectReasons.set(outcome.reason, (tallies.rejectReasons.get(outcome.reason) ?? 0) + 1);
    }
  };
  // One batch is written while the next is read: the database and the parser work side by side
  // (the machine has more than one core), and memory still holds at most two batches. A failed
  // write surfaces at the next flush, or at the end.
  let writing: Promise<void> = Promise.resolve();
  const flush = async (all = false) => {
    while (pending.length >= batchSize || (all && pending.length > 0)) {
      const batch = pending.slice(0, batchSize);
      pending = pending.slice(batchSize);
      await writing;
      writing = options.onPlays(batch);
      // Handled when awaited above or below; this only keeps Node from calling it unhandled meanwhile.
      writing.catch(() => undefined);
      // Let the event loop send the statement now: an upload's chunks may come without a turn of
      // it (a body already in memory), and the write would otherwise start only at the next await.
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (all) await writing;
  };

  let received = 0;
  let sink: ((chunk: Uint8Array, final: boolean) => void) | undefined;
  let finish: (() => void) | undefined;

  try {
    return await readAll();
  } finally {
    // Nothing may still be writing when the caller cleans up after an error.
    await writing.catch(() => undefined);
  }

  async function readAll(): Promise<ReadTallies> {
    for await (const chunk of body) {
      received += chunk.length;
      if (received > limits.maxBytes) {
        throw new ImportInputError(
          "too_large",
          `The upload is larger than the limit of ${formatBytes(limits.maxBytes)} (IMPORT_MAX_MB).`,
        );
      }
      if (!sink) {
        if (chunk.length === 0) continue;
        ({ sink, finish } = startReader(chunk, options.fileName, limits, tallies, take, () => received));
      }
      sink(chunk, false);
      await flush();
    }
    if (!sink || !finish) throw new ImportInputError("not_export", `The upload is empty. ${LAYOUT_HELP}`);
    sink(new Uint8Array(0), true);
    finish();
    await flush(true);
    if (tallies.files.length === 0) {
      throw new ImportInputError(
        "unknown_layout",
        `This zip holds none of the files of Spotify's data export. ${LAYOUT_HELP}`,
      );
    }
    return tallies;
  }
}

function startReader(
  first: Uint8Array,
  fileName: string,
  limits: ReadLimits,
  tallies: ReadTallies,
  take: (layout: FileLayout, raw: unknown) => void,
  received: () => number,
): { sink: (chunk: Uint8Array, final: boolean) => void; finish: () => void } {
  const isZip = first[0] === 0x50 && first[1] === 0x4b && (first[2] === 0x03 || first[2] === 0x05);
  if (isZip) return zipReader(limits, tallies, take, received);
  const firstText = new TextDecoder()
    .decode(first.subarray(0, 64))
    .replace(/^\uFEFF/, "")
    .trimStart();
  if (!firstText.startsWith("[")) {
    throw new ImportInputError("not_export", `${fileName} is neither a zip nor a JSON file. ${LAYOUT_HELP}`);
  }
  // A loose JSON file: its name says which export, else its first row does.
  let layout = fileLayout(fileName);
  const parser = new JsonArrayStream(fileName, (raw) => {
    if (!layout) {
      const keys = typeof raw === "object" && raw !== null ? Object.keys(raw) : [];
      layout = keys.includes("ts") ? "extended-audio" : keys.includes("endTime") ? "account-music" : null;
      if (!layout) {
        throw new ImportInputError(
          "unknown_layout",
          `${fileName} is JSON, but its rows are not Spotify's streaming history (no ts or endTime). ${LAYOUT_HELP}`,
        );
      }
    }
    take(layout, raw);
  });
  let registered = false;
  return {
    sink(chunk) {
      guardJson(() => parser.push(chunk), fileName);
      if (layout && !registered) {
        registered = true;
        tallies.files.push(fileName);
        tallies.formats.add(exportFormat(layout));
      }
    },
    finish() {
      guardJson(() => parser.end(), fileName);
      if (!layout) {
        // An empty array: a file of the export with nothing in it is still one.
        layout = fileLayout(fileName);
        if (!layout) {
          throw new ImportInputError("unknown_layout", `${fileName} holds no rows. ${LAYOUT_HELP}`);
        }
        tallies.files.push(fileName);
        tallies.formats.add(exportFormat(layout));
      }
    },
  };
}

function guardJson(run: () => void, label: string) {
  try {
    run();
  } catch (error) {
    if (error instanceof ImportInputError) throw error;
    if (error instanceof MalformedJsonError) throw new ImportInputError("malformed", error.message);
    throw new ImportInputError("malformed", `${label} could not be read (${(error as Error).message}).`);
  }
}

function zipReader(
  limits: ReadLimits,
  tallies: ReadTallies,
  take: (layout: FileLayout, raw: unknown) => void,
  received: () => number,
): { sink: (chunk: Uint8Array, final: boolean) => void; finish: () => void } {
  let entries = 0;
  let inflated = 0;
  // fflate calls back synchronously from push(); an error there is kept and thrown after push returns,
  // so that fflate's own state is never unwound half-way.
  let failure: unknown;
  const open: { name: string; parser: JsonArrayStream; done: boolean }[] = [];
  const unzip = new Unzip((file) => {
    if (failure) return;
    entries++;
    if (entries > limits.maxEntries) {
      failure = new ImportInputError(
        "zip_bomb",
        `The zip has more than ${limits.maxEntries} entries; Spotify's export has a handful.`,
      );
      return;
    }
    const layout = fileLayout(file.name);
    if (!layout) return; // a PDF, a folder, Spotify's other data: never inflated
    if (file.compression !== 0 && file.compression !== 8) {
      failure = new ImportInputError("not_export", `${file.name} uses a compression Earshot cannot read.`);
      return;
    }
    const entry = {
      name: file.name,
      parser: new JsonArrayStream(file.name, (raw) => take(layout, raw)),
      done: false,
    };
    open.push(entry);
    tallies.files.push(file.name);
    tallies.formats.add(exportFormat(layout));
    file.ondata = (error, data, final) => {
      if (failure) return;
      try {
        if (error)
          throw new ImportInputError("malformed", `${file.name} could not be inflated (${error.message}).`);
        inflated += data.length;
        if (inflated > limits.maxInflatedBytes) {
          throw new ImportInputError(
            "zip_bomb",
            `The zip inflates to more than ${formatBytes(limits.maxInflatedBytes)}; that is not Spotify's export.`,
          );
        }
        if (inflated > 1024 ** 2 && inflated > limits.maxRatio * received()) {
          throw new ImportInputError(
            "zip_bomb",
            `The zip inflates more than ${limits.maxRatio} times its size; that is not Spotify's export.`,
          );
        }
        guardJson(() => entry.parser.push(data), file.name);
        if (final) {
          guardJson(() => entry.parser.end(), file.name);
          entry.done = true;
        }
      } catch (caught) {
        failure = caught;
      }
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  const rethrow = () => {
    if (failure) throw failure;
  };
  return {
    sink(chunk, final) {
      // Small pieces: one piece inflates to at most ~1,000 times its size, so a bomb is caught early.
      for (let offset = 0; offset < chunk.length || (final && offset === 0); offset += 16_384) {
        const piece = chunk.subarray(offset, offset + 16_384);
        try {
          unzip.push(piece, final && offset + 16_384 >= chunk.length);
        } catch (error) {
          failure ??= new ImportInputError(
            "malformed",
            `The zip could not be read (${(error as Error).message}).`,
          );
        }
        rethrow();
        if (chunk.length === 0) break;
      }
    },
    finish() {
      rethrow();
      const unfinished = open.find((entry) => !entry.done);
      if (unfinished) {
        throw new ImportInputError("malformed", `The zip ends in the middle of ${unfinished.name}.`);
      }
    },
  };
}
