// The README card: well-formed SVG with the right words, escaped, with the cover embedded and a
// progress snapshot; "Last played" when nothing plays.
import { describe, expect, it } from "vitest";
import { playing, track } from "@/lib/listening/test-data";
import { clip, escapeXml, renderCardSvg } from "./card-svg";
import { DEFAULT_SHARE_OPTIONS } from "./share-options";
import { toSharedView } from "./shared-view";

const COVER = "data:image/png;base64,iVBORw0KGgo=";

/** The SVG's text nodes, unescaped: what a reader sees. */
const texts = (svg: string) =>
  [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) =>
    m[1]!
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, "&"),
  );

describe("renderCardSvg", () => {
  it("draws the title, the artists, the cover and where the playhead is", () => {
    const view = toSharedView(playing(), DEFAULT_SHARE_OPTIONS);
    const svg = renderCardSvg({
      view,
      lastPlayed: null,
      options: DEFAULT_SHARE_OPTIONS,
      cover: COVER,
      now: 1_030_000,
    });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(texts(svg)).toEqual(["NOW PLAYING", "Song One", "Artist A"]);
    expect(svg).toContain(`href="${COVER}"`);
    // 90 s of 180 s: the bar's fill is half of its track.
    const widths = [
      ...svg.matchAll(/<rect x="\d+" y="\d+" width="([\d.]+)" height="\d+" rx="[\d.]+" fill="[^"]+"\/>/g),
    ].map((m) => Number(m[1]));
    expect(widths).toHaveLength(2);
    expect(widths[1]! / widths[0]!).toBeCloseTo(0.5, 2);
    expect(svg).not.toMatch(/https?:\/\/(?!www\.w3\.org)/); // nothing to fetch
  });

  it("escapes what Spotify's names may hold", () => {
    const view = toSharedView(
      playing({
        item: track({ title: `<script>alert("x")</script> & 'more'`, artists: [{ name: "A&B", url: null }] }),
      }),
      DEFAULT_SHARE_OPTIONS,
    );
    const svg = renderCardSvg({
      view,
      lastPlayed: null,
      options: DEFAULT_SHARE_OPTIONS,
      cover: null,
      now: 1_000_000,
    });
    expect(svg).not.toContain("<script>");
    expect(texts(svg)).toContain("A&B");
    expect(svg).toContain("&lt;script&gt;");
  });

  it("says what was last played when nothing plays", () => {
    const svg = renderCardSvg({
      view: { state: "idle" },
      lastPlayed: { title: "Old Song", artists: ["Someone"], playedAt: new Date(1_000_000).toISOString() },
      options: DEFAULT_SHARE_OPTIONS,
      cover: null,
      now: 1_000_000 + 3 * 3_600_000,
    });
    expect(texts(svg)).toEqual(["LAST PLAYED · 3 H AGO", "Old Song", "Someone"]);
    const empty = renderCardSvg({
      view: { state: "idle" },
      lastPlayed: null,
      options: DEFAULT_SHARE_OPTIONS,
      cover: null,
      now: 0,
    });
    expect(texts(empty)).toEqual(["NOT PLAYING", "Nothing playing right now"]);
  });

  it("draws a background for the light and dark themes only, at the chosen size", () => {
    const view = toSharedView(playing(), DEFAULT_SHARE_OPTIONS);
    const draw = (theme: "light" | "dark" | "transparent", size: "small" | "large") =>
      renderCardSvg({
        view,
        lastPlayed: null,
        options: { ...DEFAULT_SHARE_OPTIONS, theme, size },
        cover: null,
        now: 1_000_000,
      });
    expect(draw("dark", "small")).toContain('fill="#18181b"');
    expect(draw("light", "small")).toContain('fill="#ffffff"');
    expect(draw("transparent", "small")).not.toContain('rx="10" fill=');
    expect(draw("light", "small")).toContain('width="360" height="96"');
    expect(draw("light", "large")).toContain('width="540" height="144"');
  });
});

describe("clip and escapeXml", () => {
  it("cuts long names by characters, not UTF-16 halves", () => {
    expect(clip("short", 10)).toBe("short");
    expect(clip("🎵🎵🎵🎵🎵", 3)).toBe("🎵🎵…");
  });

  it("drops control characters XML cannot hold", () => {
    expect(escapeXml("a\u0001b\u000bc")).toBe("abc");
  });
});
