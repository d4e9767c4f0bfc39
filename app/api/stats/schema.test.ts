import { describe, expect, it } from "vitest";
import { subjectQuery } from "./schema";

describe("the stats pages' query", () => {
  it("takes a store key only", () => {
    expect(subjectQuery.safeParse({ id: "spotify:artist:abc" }).success).toBe(true);
    expect(subjectQuery.safeParse({ id: "local:artist:Me" }).success).toBe(true);
    expect(subjectQuery.safeParse({}).error?.issues[0]?.message).toBe("id is required");
    expect(subjectQuery.safeParse({ id: "abc" }).error?.issues[0]?.message).toContain("Earshot key");
    expect(subjectQuery.safeParse({ id: "spotify:" + "x".repeat(600) }).error?.issues[0]?.message).toBe(
      "id is too long",
    );
    expect(subjectQuery.safeParse({ id: "spotify:a", extra: "1" }).success).toBe(false);
  });
});
