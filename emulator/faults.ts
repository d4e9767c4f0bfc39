// Injected failures for /v1 and /api/token: canned replies, delays, malformed JSON, dropped connections.

import { z } from "zod";

const faultSchema = z.union([
  z.object({
    status: z.number().int().min(100).max(599),
    body: z.unknown().optional(),
    headers: z.record(z.string(), z.string()).optional(),
  }),
  z.object({ kind: z.literal("delay"), ms: z.number().nonnegative() }),
  z.object({ kind: z.literal("malformed") }),
  z.object({ kind: z.literal("reset") }),
]);

export const faultRequestSchema = z.object({
  /** Matched exactly against the request's path, which has no query. */
  path: z
    .string()
    .regex(/^\/[^?#]*$/, "path is a request path without a query, e.g. /v1/me/player/currently-playing")
    .optional(),
  listener: z.string().optional(),
  count: z.number().int().positive().optional(),
  durationMs: z.number().positive().optional(),
  fault: faultSchema,
});

export type FaultRequest = z.infer<typeof faultRequestSchema>;
export type Fault = z.infer<typeof faultSchema>;

interface ActiveFault {
  id: string;
  path: string | undefined;
  listener: string | undefined;
  /** Matches left; null means unlimited within the time span. */
  remaining: number | null;
  until: number | null;
  fault: Fault;
}

export class FaultTable {
  private faults: ActiveFault[] = [];
  private nextId = 1;

  add(req: FaultRequest, now: number): string {
    const id = `fault-${this.nextId++}`;
    const hasSpan = req.durationMs !== undefined;
    this.faults.push({
      id,
      path: req.path,
      listener: req.listener,
      // Neither count nor span: just the next matching request.
      remaining: req.count ?? (hasSpan ? null : 1),
      until: hasSpan ? now + (req.durationMs ?? 0) : null,
      fault: req.fault,
    });
    return id;
  }

  /** Finds the first live fault for this request and uses up one of its matches. */
  take(path: string, listenerId: string | null, now: number): Fault | null {
    this.faults = this.faults.filter((f) => f.until === null || f.until > now);
    for (const f of this.faults) {
      // Exact (the path without its query): a prefix would let a fault meant for /v1/me/player hit
      // /v1/me/player/recently-played too, and a test would pass for the wrong reason.
      if (f.path !== undefined && f.path !== path) continue;
      if (f.listener !== undefined && f.listener !== listenerId) continue;
      if (f.remaining !== null) {
        f.remaining--;
        if (f.remaining <= 0) this.faults = this.faults.filter((x) => x !== f);
      }
      return f.fault;
    }
    return null;
  }

  clear(): void {
    this.faults = [];
  }
}
