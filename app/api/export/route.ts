// GET /api/export?format=json|csv: the whole history as a download, streamed (lib/export).
import { onlyMethods, parseQuery, streamResponse, withSession } from "@/lib/api/route-handler";
import { getDb } from "@/lib/db/connection";
import { exportStream } from "@/lib/export/history-export";
import { exportQuery } from "../import/schema";

export const dynamic = "force-dynamic";

export const GET = withSession(async (user, request) => {
  const { format } = parseQuery(exportQuery, request.url);
  const day = new Date().toISOString().slice(0, 10);
  return streamResponse(exportStream(getDb(), user, format), {
    "Content-Type": format === "json" ? "application/json; charset=utf-8" : "text/csv; charset=utf-8",
    "Content-Disposition": `attachment; filename="earshot-history-${day}.${format}"`,
  });
});

const notAllowed = onlyMethods("GET");
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
