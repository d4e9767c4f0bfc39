// The store's connection: one small `pg` pool per process, to the embedded server the launcher runs
// or to DATABASE_URL. Next.js route handlers and the recorder both come through here.
import "server-only";
import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import { Pool } from "pg";
import { getConfig } from "@/lib/config";
import { ApiError } from "@/lib/errors";
import * as schema from "./schema";

export type Database = NodePgDatabase<typeof schema>;
/** A database or a transaction on it: every query function takes either. */
export type Queryable = Pick<Database, "select" | "insert" | "update" | "delete" | "execute">;

let current: { pool: Pool; db: Database } | undefined;

/** The embedded server serialises queries anyway; a real PostgreSQL gets a few more. */
const POOL_SIZE = 5;

export function createDatabase(url: string, max = POOL_SIZE): { pool: Pool; db: Database } {
  const pool = new Pool({
    connectionString: url,
    max,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
  });
  // An idle client whose server went away must not crash the process; the next query reports it.
  pool.on("error", (error) => console.error("[db] idle connection lost:", error.message));
  return { pool, db: drizzle(pool, { schema }) };
}

export function getDb(): Database {
  if (!current) {
    const url = getConfig().store.databaseUrl;
    if (!url) {
      throw new Error(
        "No database: start Earshot with `npm run dev` or `npm start` (which run the embedded database), " +
          "or set DATABASE_URL=postgres://…",
      );
    }
    current = createDatabase(url);
  }
  return current.db;
}

/** Closes this process's pool (the recorder on shutdown, tests). */
export async function closeDb(): Promise<void> {
  const closing = current;
  current = undefined;
  await closing?.pool.end();
}

/**
 * Runs a store operation and turns a connection failure into the app's `store_unavailable` error,
 * so that a route answers 503 with a clear message instead of a generic 500.
 */
export async function withStore<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (isConnectionError(error)) {
      // The driver's own words: drizzle's wrapper would log the query and its parameters.
      console.error("[db] unavailable:", rootMessage(error));
      throw new ApiError("store_unavailable", "Earshot's database is not answering. Try again shortly.");
    }
    throw error;
  }
}

const CONNECTION_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "57P01",
  "57P03",
  "08006",
  "08001",
]);

export function isConnectionError(error: unknown, depth = 0): boolean {
  if (!(error instanceof Error) || depth > 3) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && CONNECTION_CODES.has(code)) return true;
  if (
    /Connection terminated|connect ECONNREFUSED|timeout exceeded when trying to connect/i.test(error.message)
  ) {
    return true;
  }
  // Drizzle wraps a failed query ("Failed query: …"); the driver's error is its cause.
  return isConnectionError((error as { cause?: unknown }).cause, depth + 1);
}

/** The innermost cause's words: drizzle wraps the driver's error ("Failed query: …" and its parameters). */
export function rootMessage(error: unknown): string {
  let current = error;
  while (current instanceof Error && (current as { cause?: unknown }).cause instanceof Error) {
    current = (current as { cause?: unknown }).cause;
  }
  return current instanceof Error ? current.message : String(current);
}
