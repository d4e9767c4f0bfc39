// The embedded server's query queue: PGlite has ONE session, shared by every client connection.
// pglite-socket's own queue interleaves clients message by message, and the extended protocol keeps
// state in the session between messages (the unnamed statement and portal of Parse/Bind/Execute),
// so two clients querying at once can read each other's results. This queue runs each client's
// messages up to a synchronisation point (Sync, a simple Query, Flush) as one unit, and, while a
// client is inside a transaction, runs nobody else's units until it ends (or the client drops: then
// its transaction is rolled back). Not handled, because Earshot uses neither: cursors (Execute with a
// row limit, then Flush) and COPY, whose exchanges span several units.
import type { PGlite } from "@electric-sql/pglite";

/** Extended-protocol messages whose answer may wait for the next Sync: Parse, Bind, Describe, Execute, Close. */
const DEFERRABLE = new Set([0x50, 0x42, 0x44, 0x45, 0x43]);

type Message = { bytes: Uint8Array; onData: (data: Uint8Array) => void };
type Unit = { owner: number; messages: Message[]; done: () => void; failed: (error: unknown) => void };

export class RoundTripQueue {
  private readonly pending = new Map<number, Message[]>();
  private units: Unit[] = [];
  private running = false;
  /** The client whose transaction is open, if any. */
  private owner: number | null = null;

  constructor(private readonly db: PGlite) {}

  /** Called by PGLiteSocketHandler for every message of a client, in order. */
  enqueue(handlerId: number, bytes: Uint8Array, onData: (data: Uint8Array) => void): Promise<number> {
    const messages = this.pending.get(handlerId) ?? [];
    messages.push({ bytes, onData });
    const type = bytes[0] ?? 0;
    // A startup packet begins with its length, not a type byte: it is never deferrable.
    if (DEFERRABLE.has(type) && bytes.length >= 5) {
      this.pending.set(handlerId, messages);
      return Promise.resolve(0);
    }
    this.pending.delete(handlerId);
    return new Promise<number>((resolve, reject) => {
      this.units.push({ owner: handlerId, messages, done: () => resolve(0), failed: reject });
      void this.drain();
    });
  }

  private next(): Unit | undefined {
    if (this.owner !== null && this.db.isInTransaction()) {
      const index = this.units.findIndex((unit) => unit.owner === this.owner);
      return index === -1 ? undefined : this.units.splice(index, 1)[0];
    }
    return this.units.shift();
  }

  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (let unit = this.next(); unit; unit = this.next()) {
        // Owner before running: a client that drops while its BEGIN runs is still known as the one
        // whose transaction must be rolled back.
        this.owner = unit.owner;
        try {
          await this.db.runExclusive(async () => {
            for (const message of unit.messages) {
              await this.db.execProtocolRawStream(message.bytes, { onRawData: message.onData });
            }
          });
          unit.done();
        } catch (error) {
          unit.failed(error);
        }
      }
    } finally {
      this.running = false;
    }
  }

  getQueueLength(): number {
    return this.units.length;
  }

  clearQueueForHandler(handlerId: number): void {
    this.pending.delete(handlerId);
    this.units = this.units.filter((unit) => {
      if (unit.owner !== handlerId) return true;
      unit.failed(new Error("client disconnected"));
      return false;
    });
  }

  /** A client that drops inside its transaction must not leave it open for everyone else. */
  async clearTransactionIfNeeded(handlerId: number): Promise<void> {
    // exec takes PGlite's lock itself (wrapping it in runExclusive would wait on itself forever).
    if (this.owner === handlerId && this.db.isInTransaction()) await this.db.exec("rollback");
    if (this.owner === handlerId) this.owner = null;
    void this.drain();
  }
}
