import { describe, expect, it } from "vitest";
import { safeCallbackUrl } from "./callback-url";

const APP = "http://127.0.0.1:3000";

describe("safeCallbackUrl", () => {
  it("keeps paths and same-origin URLs", () => {
    expect(safeCallbackUrl("/dashboard?x=1", APP)).toBe("/dashboard?x=1");
    expect(safeCallbackUrl("http://127.0.0.1:3000/dashboard", APP)).toBe("/dashboard");
    expect(safeCallbackUrl(["/a", "/b"], APP)).toBe("/a");
  });

  it("refuses other origins and tricks", () => {
    for (const evil of [
      "https://evil.example/",
      "//evil.example/x",
      "/\\evil.example",
      "http://127.0.0.1:3001/",
      "/.//evil.example",
      "/..//evil.example",
    ]) {
      expect(safeCallbackUrl(evil, APP)).toBe("/dashboard");
    }
    expect(safeCallbackUrl(undefined, APP)).toBe("/dashboard");
  });
});
