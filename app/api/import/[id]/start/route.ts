// POST /api/import/<id>/start: run a previewed import. The job runs in this process after the answer;
// the page follows it through GET /api/import/<id>.
import { after } from "next/server";
import { onlyMethods, withSession } from "@/lib/api/route-handler";
import { getDb } from "@/lib/db/connection";
import { runImportInBackground } from "@/lib/import/import-job";
import { startImport } from "@/lib/import/import-store";
import { importIdFrom } from "../../schema";

export const dynamic = "force-dynamic";

export const POST = withSession(async (user, request) => {
  const started = await startImport(getDb(), user, importIdFrom(request));
  after(() => runImportInBackground(getDb(), started.id));
  return started;
});

const notAllowed = onlyMethods("POST");
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
