import { describe, expect, it } from "vitest";
import type { StoredPlay } from "@/lib/listening";
import { historyItems } from "./history-items";

const play = (id: string, playedAt: string) =>
  ({ id, playedAt, track: { title: id } }) as unknown as StoredPlay;
const time = { now: Date.parse("2024-03-02T12:00:00Z"), timeZone: "Europe/Berlin", locale: "en-GB" };
const shape = (items: ReturnType<typeof historyItems>) =>
  items.map((item) =>
    item.kind === "play" ? item.play.id : item.kind === "day" ? `[${item.label}]` : "GAP",
  );

describe("history rows", () => {
  it("heads each day in the listener's zone and puts a gap above the newest play before it", () => {
    const plays = [
      play("c", "2024-03-02T09:00:00.000Z"),
      play("b", "2024-03-01T23:30:00.000Z"), // 00:30 on the 2nd in Berlin
      play("a", "2024-03-01T22:00:00.000Z"), // 23:00 on the 1st
    ];
    const gap = { from: "2024-03-01T23:30:00.000Z", to: "2024-03-02T09:00:00.000Z" };
    expect(shape(historyItems(plays, [gap], time, true))).toEqual([
      "[Today]",
      "c",
      "GAP",
      "b",
      "[Yesterday]",
      "a",
    ]);
  });

  it("keeps a gap older than everything loaded for later, or for the end once all is loaded", () => {
    const plays = [play("b", "2024-03-02T09:00:00.000Z"), play("b", "2024-03-02T09:00:00.000Z")];
    const gap = { from: "2024-02-01T00:00:00.000Z", to: "2024-02-02T00:00:00.000Z" };
    expect(shape(historyItems(plays, [gap], time, false))).toEqual(["[Today]", "b"]);
    expect(shape(historyItems(plays, [gap], time, true))).toEqual(["[Today]", "b", "GAP"]);
  });
});
