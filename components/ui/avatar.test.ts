import { describe, expect, it } from "vitest";
import { initials } from "./avatar";

describe("initials", () => {
  it("takes the first and last name's first letters", () => {
    expect(initials("ada lovelace")).toBe("AL");
    expect(initials("Grace Brewster Hopper")).toBe("GH");
    expect(initials("  Prince ")).toBe("P");
    expect(initials("Émile")).toBe("É");
    expect(initials("")).toBe("?");
  });
});
