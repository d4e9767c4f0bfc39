// POST /api/import/<id>/cancel: discard a preview, or stop a running import and remove what it added.
import { onlyMethods, withSession } from "@/lib/api/route-handler";
import { getDb } from "@/lib/db/connection";
import { cancelImport } from "@/lib/import/import-store";
import { importIdFrom } from "../../schema";

export const dynamic = "force-dynamic";

export const POST = withSession((user, request) => cancelImport(getDb(), user, importIdFrom(request)));

const notAllowed = onlyMethods("POST");
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
