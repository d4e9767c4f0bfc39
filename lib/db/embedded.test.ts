// The embedded server: clients querying at once each get their own answers, and the data folder
// is guarded against a second opener.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "pg";
import { describe, expect, it } from "vitest";
import { EmbeddedDatabaseError, startEmbeddedDatabase } from "./embedded";
import { MigrationError, migrateDatabase } from "./migrate";

describe("the embedded database", () => {
  it("keeps concurrent clients' extended-protocol queries apart, transactions included", async () => {
    const server = await startEmbeddedDatabase({ dataDir: "memory://", port: 0 });
    const clients = await Promise.all(
      Array.from({ length: 8 }, async () => {
        const client = new Client({ connectionString: server.url });
        await client.connect();
        return client;
      }),
    );
    try {
      await clients[0]!.query("create table t (n int)");
      await Promise.all(
        clients.map(async (client, c) => {
          for (let i = 0; i < 25; i++) {
            const n = c * 1000 + i;
            const { rows } = await client.query("select $1::int as n, $2::text as label", [n, `c${c}`]);
            expect(rows).toEqual([{ n, label: `c${c}` }]);
            if (i % 5 === 0) {
              await client.query("begin");
              await client.query("insert into t values ($1)", [n]);
              const inside = await client.query("select count(*)::int as k from t where n = $1", [n]);
              expect(inside.rows[0]).toEqual({ k: 1 });
              await client.query(i % 10 === 0 ? "commit" : "rollback");
            }
          }
        }),
      );
      const { rows } = await clients[0]!.query("select count(*)::int as k from t");
      expect(rows[0]).toEqual({ k: 8 * 3 }); // i = 0, 10, 20 committed per client
    } finally {
      await Promise.all(clients.map((client) => client.end()));
      await server.close();
    }
  }, 60_000);

  it("rolls back the transaction of a client that drops, and goes on serving the others", async () => {
    const server = await startEmbeddedDatabase({ dataDir: "memory://", port: 0 });
    try {
      const setup = new Client({ connectionString: server.url });
      await setup.connect();
      await setup.query("create table kept (n int)");
      const dropper = new Client({ connectionString: server.url });
      await dropper.connect();
      dropper.on("error", () => {}); // its socket is destroyed below
      await dropper.query("begin");
      await dropper.query("insert into kept values (1)");
      (dropper as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
      const { rows } = await setup.query("select count(*)::int as n from kept");
      expect(rows).toEqual([{ n: 0 }]);
      await setup.end();
    } finally {
      await server.close();
    }
  }, 60_000);

  it("refuses a second opener of the same folder with a clear message, and takes over a stale lock", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "earshot-lock-"));
    const first = await startEmbeddedDatabase({ dataDir, port: 0 });
    try {
      await expect(startEmbeddedDatabase({ dataDir, port: 0 })).rejects.toThrow(
        new EmbeddedDatabaseError(
          `The embedded database in ${dataDir} is in use by another Earshot (pid ${process.pid}). ` +
            "Stop that one first, or give this one its own EARSHOT_DATA_DIR.",
        ),
      );
    } finally {
      await first.close();
    }
    // A lock left by a process that is gone (kill -9) does not keep the data locked.
    writeFileSync(join(dataDir, "earshot.lock"), "999999999");
    const again = await startEmbeddedDatabase({ dataDir, port: 0 });
    const client = new Client({ connectionString: again.url });
    await client.connect();
    expect((await client.query("select 1 as one")).rows).toEqual([{ one: 1 }]);
    await client.end();
    await again.close();
  }, 120_000);
});

describe("migrations", () => {
  it("roll back a failing migration whole and say so", async () => {
    const server = await startEmbeddedDatabase({ dataDir: "memory://", port: 0 });
    const folder = mkdtempSync(join(tmpdir(), "earshot-migrations-"));
    mkdirSync(join(folder, "meta"));
    writeFileSync(
      join(folder, "0000_bad.sql"),
      "create table first_half (id int);\n--> statement-breakpoint\nselect * from no_such_table;",
    );
    writeFileSync(
      join(folder, "meta", "_journal.json"),
      JSON.stringify({
        version: "7",
        dialect: "postgresql",
        entries: [{ idx: 0, version: "7", when: 1, tag: "0000_bad", breakpoints: true }],
      }),
    );
    try {
      await expect(migrateDatabase(server.url, folder)).rejects.toThrow(MigrationError);
      await expect(migrateDatabase(server.url, folder)).rejects.toThrow(
        /A database migration failed and was rolled back: .*no_such_table/,
      );
      const client = new Client({ connectionString: server.url });
      await client.connect();
      const { rows } = await client.query("select to_regclass('first_half') as half");
      expect(rows).toEqual([{ half: null }]); // nothing half-written
      await client.end();
    } finally {
      await server.close();
    }
  }, 60_000);
});
