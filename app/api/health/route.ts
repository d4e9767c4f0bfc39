// Liveness check for deployments and the baseline of the route benchmark: no session, no upstream.
import { jsonResponse } from "@/lib/api/route-handler";

export const dynamic = "force-dynamic";

export function GET() {
  return jsonResponse({ ok: true });
}
