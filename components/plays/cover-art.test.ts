import { describe, expect, it } from "vitest";
import { coverSources } from "./cover-art";

describe("coverSources", () => {
  it("offers every size Spotify sent, defaulting to the middle one", () => {
    expect(coverSources({ small: "s", medium: "m", large: "l" })).toEqual({
      src: "m",
      srcSet: "s 64w, m 300w, l 640w",
    });
    expect(coverSources({ small: "s", medium: null, large: null })).toEqual({ src: "s", srcSet: "s 64w" });
    expect(coverSources({ small: null, medium: null, large: null })).toBeNull();
    expect(coverSources(null)).toBeNull();
  });
});
