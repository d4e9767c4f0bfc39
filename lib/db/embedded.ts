// The embedded PostgreSQL: PGlite (PostgreSQL compiled to WASM) keeping its data in a directory,
// served over the Postgres wire protocol so that Next.js and the recorder connect with `pg` exactly
// as they would to a real server.
// Why one process owns it: PGlite takes no cross-process lock, and two processes opening the same
// directory corrupt it (`next dev` evaluates server modules in several processes). So the launcher
// opens it once, guarded by a lock file naming its pid; a second launcher fails fast instead.
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { join, resolve } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { unaccent } from "@electric-sql/pglite/contrib/unaccent";
import { createServer, type Server } from "node:net";
import { PGLiteSocketHandler, type PGLiteSocketHandlerOptions } from "@electric-sql/pglite-socket";
import { RoundTripQueue } from "./round-trip-queue";

export class EmbeddedDatabaseError extends Error {
  override name = "EmbeddedDatabaseError";
}

export type EmbeddedDatabase = { url: string; port: number; close(): Promise<void> };

/** `pg` pools in Next.js, the recorder and scripts each hold a few connections. */
const MAX_CONNECTIONS = 32;

/**
 * Opens the data directory (`memory://` for a throwaway database) and serves it on 127.0.0.1:`port`
 * (0 picks a free port). Throws EmbeddedDatabaseError with what to do when it cannot.
 */
export async function startEmbeddedDatabase(options: {
  dataDir: string;
  port: number;
}): Promise<EmbeddedDatabase> {
  const inMemory = options.dataDir.startsWith("memory://");
  const dir = inMemory ? options.dataDir : resolve(options.dataDir, "pglite");
  const releaseLock = inMemory ? () => {} : acquireLock(resolve(options.dataDir));

  let db: PGlite;
  try {
    // History search needs pg_trgm and unaccent (migration 0002); PGlite loads extensions at open.
    db = await PGlite.create(inMemory ? undefined : dir, { extensions: { pg_trgm, unaccent } });
    await db.query("select 1");
  } catch (error) {
    releaseLock();
    throw new EmbeddedDatabaseError(
      `The embedded database in ${dir} could not be opened (${describe(error)}). It may be corrupt: ` +
        `move the folder aside to start afresh (your plays are in it), or set DATABASE_URL to use PostgreSQL.`,
    );
  }

  // pglite-socket's handler speaks the wire protocol; the queue behind it is ours (see round-trip-queue.ts).
  const queue = new RoundTripQueue(db);
  const handlers = new Set<PGLiteSocketHandler>();
  const server: Server = createServer((socket) => {
    const handler = new PGLiteSocketHandler({
      queryQueue: queue as unknown as PGLiteSocketHandlerOptions["queryQueue"],
      closeOnDetach: true,
    });
    handlers.add(handler);
    handler.addEventListener("close", () => handlers.delete(handler));
    handler.addEventListener("error", () => handlers.delete(handler));
    void handler.attach(socket);
  });
  server.maxConnections = MAX_CONNECTIONS;
  let port: number;
  try {
    port = await new Promise<number>((resolveListen, reject) => {
      server.once("error", reject);
      server.listen(options.port, "127.0.0.1", () => {
        const address = server.address();
        resolveListen(typeof address === "object" && address ? address.port : options.port);
      });
    });
  } catch (error) {
    await db.close().catch(() => undefined);
    releaseLock();
    throw new EmbeddedDatabaseError(
      `The embedded database could not listen on 127.0.0.1:${options.port} (${describe(error)}). ` +
        "Set EMBEDDED_DB_PORT to a free port.",
    );
  }
  return {
    port,
    // PGlite has one database and ignores the user; the URL names them for `pg`'s sake.
    url: `postgres://postgres@127.0.0.1:${port}/postgres?sslmode=disable`,
    async close() {
      for (const handler of handlers) await handler.detach(true);
      await new Promise<void>((done) => server.close(() => done()));
      await db.close();
      releaseLock();
    },
  };
}

/**
 * An exclusive lock on the data directory: a file created with O_EXCL that names the holder's pid.
 * A lock whose pid is gone is stale (a crash, `kill -9`) and is taken over.
 */
function acquireLock(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, "earshot.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, "wx", 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") {
        throw new EmbeddedDatabaseError(`Cannot write the lock file ${path}: ${describe(error)}`);
      }
      const holder = Number(readFileSync(path, "utf8").trim());
      if (Number.isInteger(holder) && holder > 0 && isAlive(holder)) {
        throw new EmbeddedDatabaseError(
          `The embedded database in ${dataDir} is in use by another Earshot (pid ${holder}). ` +
            "Stop that one first, or give this one its own EARSHOT_DATA_DIR.",
        );
      }
      rmSync(path, { force: true }); // stale: its process is gone
    }
  }
  throw new EmbeddedDatabaseError(`Cannot take the lock ${path}; remove it if no Earshot is running.`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
