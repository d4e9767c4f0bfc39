// A database that does not answer is recognised as such, however the driver or drizzle wrap it.
import { describe, expect, it } from "vitest";
import { createDatabase, isConnectionError } from "./connection";
import { users } from "./schema";

describe("isConnectionError", () => {
  it("sees through drizzle's wrapper of a query that could not connect", async () => {
    const { db, pool } = createDatabase("postgres://postgres@127.0.0.1:1/nowhere");
    const error = await db
      .select()
      .from(users)
      .then(
        () => null,
        (e: unknown) => e,
      );
    await pool.end();
    expect(error).toBeInstanceOf(Error);
    expect(isConnectionError(error)).toBe(true);
  });

  it("is false for an ordinary query error", () => {
    const syntax = Object.assign(new Error('syntax error at or near "selec"'), { code: "42601" });
    expect(isConnectionError(syntax)).toBe(false);
    expect(isConnectionError(new Error("Failed query: x", { cause: syntax }))).toBe(false);
  });
});
