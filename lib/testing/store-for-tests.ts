// One database of a kind for a describe block: opened (and migrated) before its tests, emptied
// before each, closed after. The handle stands for the database once it is open (read it inside
// tests and hooks only).
import { afterAll, beforeAll, beforeEach } from "vitest";
import { openTestDatabase, type StoreKind, type TestDatabase, truncateAll } from "@/lib/db/test-databases";

export function storeForTests(kind: StoreKind): () => TestDatabase {
  let store: TestDatabase | undefined;
  const current = () => {
    if (!store) throw new Error(`the ${kind} test database is not open yet`);
    return store;
  };
  beforeAll(async () => {
    store = await openTestDatabase(kind);
  }, 60_000);
  afterAll(async () => {
    await store?.close();
  });
  beforeEach(async () => {
    await truncateAll(current().db);
  });
  return current;
}
