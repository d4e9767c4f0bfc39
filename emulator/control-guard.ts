// Who may drive the control API (/__emulator/*). The emulator runs beside a browser that visits other
// sites, and those sites can send it requests: a "simple" text/plain POST needs no CORS preflight,
// and DNS rebinding lets a page read the answers of a name it points at 127.0.0.1. So a control
// request needs all three: a loopback Host (defeats rebinding, whose Host is the attacker's name), the
// per-run token (which no page can know), and a JSON body type on writes (forces a preflight, which
// the emulator never grants).

import { timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";

export const CONTROL_TOKEN_HEADER = "x-emulator-token";

export type ControlRefusal = { status: 401 | 403 | 415; error: string };

/** null when the request may go on; otherwise the status and message to answer with. */
export function checkControlRequest(
  method: string,
  headers: IncomingHttpHeaders,
  port: number,
  token: string,
): ControlRefusal | null {
  const host = (headers.host ?? "").toLowerCase();
  if (![`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`].includes(host)) {
    return { status: 403, error: `the control API answers only Host 127.0.0.1:${port}, localhost or [::1]` };
  }
  const given = headers[CONTROL_TOKEN_HEADER];
  if (typeof given !== "string" || !sameSecret(given, token)) {
    return {
      status: 401,
      error: `missing or wrong ${CONTROL_TOKEN_HEADER} header (the token the emulator printed at start-up)`,
    };
  }
  const type = (headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
  if (method !== "GET" && method !== "HEAD" && type !== "application/json") {
    return { status: 415, error: "control requests other than GET must be Content-Type: application/json" };
  }
  return null;
}

/** The headers every control client sends: the token, and the JSON type on writes. */
export function controlHeaders(token: string, method: string): Record<string, string> {
  return {
    [CONTROL_TOKEN_HEADER]: token,
    ...(method === "GET" || method === "HEAD" ? {} : { "content-type": "application/json" }),
  };
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
