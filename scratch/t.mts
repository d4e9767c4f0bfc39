import { startEmbeddedDatabase } from "/work/main/lib/db/embedded";
import { migrateDatabase } from "/work/main/lib/db/migrate";
import pg from "pg";
const t0 = performance.now();
const e = await startEmbeddedDatabase({ dataDir: "/tmp/edb1", port: 0 });
const c = new pg.Client(e.url); await c.connect();
console.log((await c.query("select 1 as x")).rows, performance.now()-t0);
await migrateDatabase(e.url);
console.log((await c.query("select count(*) from plays")).rows, performance.now()-t0);
try { await startEmbeddedDatabase({ dataDir: "/tmp/edb1", port: 0 }); } catch (err) { console.log("second:", (err as Error).message); }
await c.end(); await e.close();
