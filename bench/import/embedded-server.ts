// A child process of bench:import: the embedded database (PGlite served over the wire protocol, in
// memory), migrated, as the launcher runs it beside the app; prints its URL, serves until killed.
// The import then runs in the benchmark's own process, so its memory is measured apart from PGlite's.
import { startEmbeddedDatabase } from "@/lib/db/embedded";
import { migrateDatabase } from "@/lib/db/migrate";

const server = await startEmbeddedDatabase({ dataDir: "memory://", port: 0 });
await migrateDatabase(server.url);
console.log(`URL ${server.url}`);
process.on("SIGTERM", () => void server.close().then(() => process.exit(0)));
