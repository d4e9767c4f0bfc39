// Inputs of the import and export routes.
import { z } from "zod";
import { ApiError } from "@/lib/errors";

/** The import's id, from `/api/import/<id>/…`. */
export function importIdFrom(request: Request): string {
  const segment = new URL(request.url).pathname.split("/")[3] ?? "";
  const parsed = z.uuid().safeParse(segment);
  if (!parsed.success) throw new ApiError("not_found", "There is no such import.");
  return parsed.data;
}

/** The uploaded file's name travels in a header (the body is the file itself), URI-encoded. */
export const fileNameHeader = "x-file-name";

export function uploadFileName(request: Request): string {
  const raw = request.headers.get(fileNameHeader);
  let name = "upload";
  try {
    name = raw ? decodeURIComponent(raw) : name;
  } catch {
    throw new ApiError("invalid_request", `${fileNameHeader} must be a URI-encoded file name.`);
  }
  return name.replace(/[\u0000-\u001f]/g, "").slice(0, 200) || "upload";
}

export const exportQuery = z
  .object({ format: z.enum(["json", "csv"], { error: 'format must be "json" or "csv"' }).default("json") })
  .strict();
