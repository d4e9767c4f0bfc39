import { startEmbeddedDatabase } from "/work/main/lib/db/embedded";
import pg from "pg";
for (let i = 0; i < 2; i++) {
const t0 = performance.now();
const e = await startEmbeddedDatabase({ dataDir: "/tmp/edb1", port: 0 });
const c = new pg.Client(e.url); await c.connect();
await c.query("select 1");
console.log("first query", performance.now()-t0);
try { await startEmbeddedDatabase({ dataDir: "/tmp/edb1", port: 0 }); } catch (err) { console.log("second:", (err as Error).message); }
await c.end(); await e.close();
}
