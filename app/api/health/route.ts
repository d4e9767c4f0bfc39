// Liveness check for deployments and the baseline of the route benchmark: no session, no upstream.
export const dynamic = "force-dynamic";

export function GET() {
  return Response.json({ ok: true }, { headers: { "Cache-Control": "no-store" } });
}
