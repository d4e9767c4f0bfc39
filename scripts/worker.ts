// `npm run worker`: the recorder in its own process (the launcher starts one beside Next.js). Any
// number may run against one database. Runs with the `react-server` condition so that server-only
// modules load outside Next.js.
import { randomUUID } from "node:crypto";
import nextEnv from "@next/env";
import { closeDb, getDb } from "@/lib/db/connection";
import { Recorder } from "@/lib/history/recorder";
import { runImportJob } from "@/lib/import/import-job";

nextEnv.loadEnvConfig(process.cwd(), process.env.NODE_ENV !== "production");
const TICK_MS = Number(process.env.RECORDER_TICK_MS || 15_000);
const recorder = new Recorder({
  db: getDb(),
  leaseMs: Number(process.env.RECORDER_LEASE_MS || 2 * 60_000),
  workerId: `recorder-${process.pid}-${randomUUID().slice(0, 8)}`,
  log: (line) => console.log(`[recorder] ${line}`),
});

let stopping = false;
let timer: NodeJS.Timeout | undefined;
let failures = 0;

// An import whose runner is gone (the app restarted mid-job or mid-way through its stats catch-up) is
// resumed here, one at a time, beside the recorder's rounds (not inside them: a long import must not
// hold up anyone's sync).
let importing = false;
function resumeImports() {
  if (importing) return;
  importing = true;
  void runImportJob(getDb(), { log: (line) => console.log(`[import] ${line}`) })
    .catch((error) => console.error(`[import] resume failed: ${(error as Error).message}`))
    .finally(() => (importing = false));
}

async function loop() {
  try {
    resumeImports();
    await recorder.runOnce();
    failures = 0;
  } catch (error) {
    // The database is down or restarting: say so once in a while, keep trying.
    if (failures++ % 20 === 0) console.error(`[recorder] round failed: ${(error as Error).message}`);
  }
  if (!stopping) timer = setTimeout(() => void loop(), TICK_MS);
}

async function stop() {
  stopping = true;
  clearTimeout(timer);
  await closeDb().catch(() => undefined);
  process.exit(0);
}
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void stop());
console.log(`[recorder] ${recorder.workerId} running, a round every ${TICK_MS / 1000} s`);
void loop();
