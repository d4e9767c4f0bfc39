// GET /api/import: the signed-in person's imports, newest first. POST: an upload of Spotify's data
// export (the body is the file: a zip or a JSON file; its name in x-file-name), read as a stream and
// previewed; nothing is written to the history until the import is started. A running import whose
// runner is gone (the app restarted mid-job) is picked up again when the page asks for the list.
import { after } from "next/server";
import { onlyMethods, withSession } from "@/lib/api/route-handler";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db/connection";
import { ApiError } from "@/lib/errors";
import { runImportInBackground } from "@/lib/import/import-job";
import { listImports, orphanedImports, stageUpload } from "@/lib/import/import-store";
import { uploadFileName } from "./schema";

export const dynamic = "force-dynamic";

export const GET = withSession(async (user) => {
  for (const id of await orphanedImports(getDb(), user.userId))
    after(() => runImportInBackground(getDb(), id));
  return { imports: await listImports(getDb(), user) };
});

export const POST = withSession(async (user, request) => {
  const maxBytes = getConfig().store.importMaxBytes;
  const limit = `${Math.round(maxBytes / 1024 ** 2)} MB`;
  const declared = Number(request.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > maxBytes) {
    throw new ApiError(
      "payload_too_large",
      `The upload is larger than the limit of ${limit} (IMPORT_MAX_MB).`,
    );
  }
  if (!request.body) throw new ApiError("invalid_request", "Send the export's file as the request body.");
  return stageUpload(getDb(), user, {
    fileName: uploadFileName(request),
    body: chunksOf(request.body),
    maxBytes,
  });
});

async function* chunksOf(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

const notAllowed = onlyMethods("GET", "POST");
export { notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
