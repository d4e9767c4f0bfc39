// The demo listener's data export: a zip the import reads, holding every play the emulator logged.
import { unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { classifyRow, fileLayout } from "@/lib/import/export-rows";
import { buildDataExport } from "./data-export";
import { EmulatorState } from "./emulator-state";

describe("buildDataExport", () => {
  it("holds years of listening and every logged play, in overlapping files of the Extended export", () => {
    const start = Date.UTC(2026, 10, 28, 12);
    const state = new EmulatorState(7, () => start);
    const runtime = state.listeners.get("rory")!;
    const now = start + 6 * 3_600_000;
    const logged = runtime.loggedPlays(now).filter((play) => play.playable.kind === "track");
    expect(logged.length).toBeGreaterThan(10);

    const files = unzipSync(buildDataExport(runtime, now));
    const audio = Object.keys(files).filter((name) => fileLayout(name) === "extended-audio");
    expect(audio.length).toBeGreaterThan(3);
    expect(Object.keys(files).some((name) => fileLayout(name) === "extended-video")).toBe(true);
    const rows = audio.flatMap((name) => JSON.parse(new TextDecoder().decode(files[name])) as unknown[]);
    const outcomes = rows.map((raw) => classifyRow("extended-audio", raw));
    expect(outcomes.filter((o) => o.kind === "rejected")).toEqual([]);
    const plays = outcomes.flatMap((o) => (o.kind === "play" ? [o.play] : []));
    const keys = new Set(plays.map((p) => `${p.playedAt.getTime()} ${p.trackId}`));
    // Overlapping files: some plays are in two files.
    expect(keys.size).toBeLessThan(plays.length);
    // Years of it, and skips and podcasts among it.
    expect(Math.min(...plays.map((p) => p.playedAt.getTime()))).toBeLessThan(now - 2 * 365 * 86_400_000);
    expect(outcomes.some((o) => o.kind === "skipped" && o.reason === "short")).toBe(true);
    expect(outcomes.some((o) => o.kind === "skipped" && o.reason === "podcast")).toBe(true);
    // Every logged track play is in it, at its played_at (to the second).
    for (const play of logged) {
      const uri = play.playable.kind === "track" ? `spotify:track:${play.playable.track.id}` : "";
      expect(keys.has(`${Math.floor(play.playedAt / 1000) * 1000} ${uri}`)).toBe(true);
    }
  });
});
