// POST /api/import/<id>/undo: remove exactly the plays a finished import added.
import { onlyMethods, withSession } from "@/lib/api/route-handler";
import { getDb } from "@/lib/db/connection";
import { undoImport } from "@/lib/import/import-store";
import { importIdFrom } from "../../schema";

export const dynamic = "force-dynamic";

export const POST = withSession((user, request) => undoImport(getDb(), user, importIdFrom(request)));

const notAllowed = onlyMethods("POST");
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
