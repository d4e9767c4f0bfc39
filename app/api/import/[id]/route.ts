// GET /api/import/<id>: one import, its preview and its job's progress. An import with work left
// (its job, or its stats catch-up) whose runner is gone (the app restarted) is picked up again here.
import { after } from "next/server";
import { onlyMethods, withSession } from "@/lib/api/route-handler";
import { getDb } from "@/lib/db/connection";
import { runImportInBackground } from "@/lib/import/import-job";
import { getImportRecord, isOrphaned, toView } from "@/lib/import/import-store";
import { importIdFrom } from "../schema";

export const dynamic = "force-dynamic";

export const GET = withSession(async (user, request) => {
  const row = await getImportRecord(getDb(), user.userId, importIdFrom(request));
  if (isOrphaned(row)) after(() => runImportInBackground(getDb(), row.id));
  return toView(row, user.spotifyId);
});

const notAllowed = onlyMethods("GET");
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
