import { describe, expect, it } from "vitest";
import {
  dedupePlays,
  flattenPages,
  mergePlays,
  newestPlayedAt,
  playKey,
  prependToPages,
} from "./recent-plays";
import { play } from "./test-data";

const p1 = play("2025-11-24T10:00:00.000Z", { id: "a" });
const p2 = play("2025-11-24T09:56:00.000Z", { id: "b" });
const p3 = play("2025-11-24T09:50:00.000Z", { id: "c" });
const p0 = play("2025-11-24T10:04:00.000Z", { id: "d" });

describe("recent plays", () => {
  it("identifies a play by time and track (the same track at two times is two plays)", () => {
    expect(playKey(p1)).not.toBe(playKey(play(p2.playedAt, { id: "a" })));
    expect(playKey(play(p1.playedAt, { id: null, title: "x.mp3", isLocal: true }))).toBe(
      `${p1.playedAt}|local:x.mp3`,
    );
  });

  it("dedupes and sorts newest first", () => {
    expect(dedupePlays([p2, p1, p2, p3, p1]).map((p) => p.track.id)).toEqual(["a", "b", "c"]);
  });

  it("merges newer plays at the top and reports only what was new", () => {
    const { plays, added } = mergePlays([p1, p2, p3], [p1, p0]);
    expect(plays.map((p) => p.track.id)).toEqual(["d", "a", "b", "c"]);
    expect(added.map((p) => p.track.id)).toEqual(["d"]);
  });

  it("returns the same list when nothing is new", () => {
    const existing = [p1, p2];
    expect(mergePlays(existing, [p2]).plays).toBe(existing);
  });

  it("flattens pages without duplicates and finds the newest time", () => {
    const pages = [
      { plays: [p1, p2], nextBefore: "1" },
      { plays: [p2, p3], nextBefore: null },
    ];
    expect(flattenPages(pages).map((p) => p.track.id)).toEqual(["a", "b", "c"]);
    expect(newestPlayedAt(pages)).toBe(Date.parse(p1.playedAt));
    expect(newestPlayedAt([])).toBeNull();
  });

  it("prepends to the first page and keeps the cursors", () => {
    const pages = [
      { plays: [p1, p2], nextBefore: "cursor-1" },
      { plays: [p3], nextBefore: null },
    ];
    const result = prependToPages(pages, [p0, p1]);
    expect(result.added.map((p) => p.track.id)).toEqual(["d"]);
    expect(result.pages[0]).toEqual({ plays: [p0, p1, p2], nextBefore: "cursor-1" });
    expect(result.pages[1]).toBe(pages[1]);
    expect(prependToPages(pages, [p1]).pages).toBe(pages);
    expect(prependToPages([], [p0])).toEqual({ pages: [], added: [] });
  });
});
