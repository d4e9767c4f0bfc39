// POST /api/import/<id>/undo: remove exactly the plays a finished import added.
import { onlyMethods, withSession } from "@/lib/api/route-handler";
import { getDb } from "@/lib/db/connection";
import { undoImport } from "@/lib/import/import-store";
import { refreshPlannerStats } from "@/lib/db/planner-stats";
import { importIdFrom } from "../../schema";

export const dynamic = "force-dynamic";

export const POST = withSession(async (user, request) => {
  const view = await undoImport(getDb(), user, importIdFrom(request));
  // Thousands of plays went at once: refresh the planner's statistics, without holding the answer.
  void refreshPlannerStats(getDb()).catch((error: unknown) =>
    console.error(`[import] could not refresh planner statistics: ${(error as Error).message}`),
  );
  return view;
});

const notAllowed = onlyMethods("POST");
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
