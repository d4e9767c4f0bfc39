// The export's rows, as Spotify writes them: what is a play, what is skipped and why, what is rejected.
import { describe, expect, it } from "vitest";
import { classifyRow, fileLayout } from "./export-rows";
import { extendedRow, podcastRow, trackUri } from "./test-exports";

describe("fileLayout", () => {
  it("knows the files of both exports, in any folder, and nothing else", () => {
    expect(fileLayout("Spotify Extended Streaming History/Streaming_History_Audio_2019-2021_3.json")).toBe(
      "extended-audio",
    );
    expect(fileLayout("MyData/endsong_7.json")).toBe("extended-audio");
    expect(fileLayout("Streaming_History_Video_2020-2024.json")).toBe("extended-video");
    expect(fileLayout("MyData/StreamingHistory_music_0.json")).toBe("account-music");
    expect(fileLayout("MyData/StreamingHistory3.json")).toBe("account-music");
    expect(fileLayout("MyData/StreamingHistory_podcast_0.json")).toBe("account-podcast");
    expect(fileLayout("ReadMeFirst_ExtendedStreamingHistory.pdf")).toBeNull();
    expect(fileLayout("MyData/Playlist1.json")).toBeNull();
  });
});

describe("classifyRow (Extended)", () => {
  it("keeps a music row of 30 s or more, keyed by its URI, with non-ASCII names intact", () => {
    const row = extendedRow({
      ts: "2022-03-27T01:30:00Z",
      ms_played: 30_000,
      master_metadata_track_name: "Ünïcødé 東京 – “quotes”",
      master_metadata_album_artist_name: "Sigur Rós",
      spotify_track_uri: trackUri(3),
    });
    expect(classifyRow("extended-audio", row)).toEqual({
      kind: "play",
      username: null,
      play: {
        playedAt: new Date("2022-03-27T01:30:00Z"),
        msPlayed: 30_000,
        trackId: trackUri(3),
        trackUri: trackUri(3),
        title: "Ünïcødé 東京 – “quotes”",
        artistName: "Sigur Rós",
        albumName: "Album X",
      },
    });
  });

  it("keeps incognito and offline plays (they are the listener's own), and reads older exports' username", () => {
    const incognito = classifyRow(
      "extended-audio",
      extendedRow({ ts: "2020-01-01T00:00:00Z", incognito_mode: true }),
    );
    const offline = classifyRow(
      "extended-audio",
      extendedRow({
        ts: "2020-01-02T00:00:00Z",
        offline: true,
        offline_timestamp: 1_577_900_000,
        username: "old-user",
      }),
    );
    expect(incognito.kind).toBe("play");
    expect(offline).toMatchObject({ kind: "play", username: "old-user" });
  });

  it("skips short rows, podcasts and audiobooks, rows with no track, and video", () => {
    expect(
      classifyRow("extended-audio", extendedRow({ ts: "2020-01-01T00:00:00Z", ms_played: 29_999 })),
    ).toEqual({ kind: "skipped", reason: "short" });
    expect(classifyRow("extended-audio", extendedRow({ ts: "2020-01-01T00:00:00Z", ms_played: 0 }))).toEqual({
      kind: "skipped",
      reason: "short",
    });
    expect(classifyRow("extended-audio", podcastRow("2020-01-01T00:00:00Z"))).toEqual({
      kind: "skipped",
      reason: "podcast",
    });
    expect(
      classifyRow(
        "extended-audio",
        extendedRow({
          ts: "2020-01-01T00:00:00Z",
          master_metadata_track_name: null,
          spotify_track_uri: null,
          audiobook_title: "A Book",
          audiobook_uri: "spotify:show:1",
        }),
      ),
    ).toEqual({ kind: "skipped", reason: "podcast" });
    expect(
      classifyRow(
        "extended-audio",
        extendedRow({
          ts: "2020-01-01T00:00:00Z",
          master_metadata_track_name: null,
          spotify_track_uri: null,
        }),
      ),
    ).toEqual({ kind: "skipped", reason: "noTrack" });
    expect(classifyRow("extended-video", extendedRow({ ts: "2020-01-01T00:00:00Z" }))).toEqual({
      kind: "skipped",
      reason: "video",
    });
  });

  it("rejects rows that are not Spotify's, saying why", () => {
    expect(classifyRow("extended-audio", { ms_played: 1 })).toEqual({
      kind: "rejected",
      reason: "ts is missing",
    });
    expect(classifyRow("extended-audio", extendedRow({ ts: "2020-01-01 00:00" }))).toEqual({
      kind: "rejected",
      reason: "ts is not an ISO instant in UTC",
    });
    expect(classifyRow("extended-audio", extendedRow({ ts: "2020-02-31T00:00:00Z" }))).toEqual({
      kind: "rejected",
      reason: "ts is not a real date",
    });
    expect(
      classifyRow("account-music", { endTime: "2023-02-29 10:00", trackName: "B", msPlayed: 60_000 }),
    ).toEqual({
      kind: "rejected",
      reason: "endTime is not a real date",
    });
    expect(classifyRow("extended-audio", extendedRow({ ts: "2020-01-01T00:00:00Z", ms_played: -5 }))).toEqual(
      { kind: "rejected", reason: "ms_played is negative" },
    );
    expect(classifyRow("extended-audio", "a string")).toMatchObject({ kind: "rejected" });
    expect(
      classifyRow(
        "extended-audio",
        extendedRow({ ts: "2020-01-01T00:00:00Z", spotify_track_uri: "https://x" }),
      ),
    ).toEqual({
      kind: "rejected",
      reason: "spotify_track_uri is not a track URI",
    });
  });

  it("keys a local file by its spotify:local URI, as the recorder does", () => {
    const uri = "spotify:local:Artist:Album:Title:200";
    expect(
      classifyRow("extended-audio", extendedRow({ ts: "2020-01-01T00:00:00Z", spotify_track_uri: uri })),
    ).toMatchObject({
      play: { trackId: uri },
    });
  });
});

describe("classifyRow (Account data)", () => {
  it("reads endTime as UTC, also across a daylight-saving change, whatever the machine's zone", () => {
    // 2023-03-26 01:30 UTC is when Europe's clocks spring forward; 2023-10-29 01:30 UTC when they fall back.
    for (const [endTime, iso] of [
      ["2023-03-26 01:30", "2023-03-26T01:30:00.000Z"],
      ["2023-10-29 01:30", "2023-10-29T01:30:00.000Z"],
      ["2023-03-12 02:30", "2023-03-12T02:30:00.000Z"],
    ] as const) {
      const outcome = classifyRow("account-music", {
        endTime,
        artistName: "Björk",
        trackName: "Jóga",
        msPlayed: 300_000,
      });
      expect(outcome).toMatchObject({ kind: "play", play: { playedAt: new Date(iso), trackUri: null } });
    }
  });

  it("gives a track with no URI a synthetic key made of its artist and title", () => {
    expect(
      classifyRow("account-music", {
        endTime: "2023-01-01 10:00",
        artistName: "AC/DC",
        trackName: "T.N.T: Live",
        msPlayed: 40_000,
      }),
    ).toMatchObject({
      play: { trackId: "import:track:ac%2Fdc:t.n.t%3A%20live" },
    });
  });

  it("skips short rows, unknown tracks and podcast files; rejects a bad endTime", () => {
    const row = { endTime: "2023-01-01 10:00", artistName: "A", trackName: "B", msPlayed: 10_000 };
    expect(classifyRow("account-music", row)).toEqual({ kind: "skipped", reason: "short" });
    expect(classifyRow("account-music", { ...row, msPlayed: 60_000, trackName: "Unknown Track" })).toEqual({
      kind: "skipped",
      reason: "noTrack",
    });
    expect(classifyRow("account-podcast", { ...row, msPlayed: 60_000 })).toEqual({
      kind: "skipped",
      reason: "podcast",
    });
    expect(classifyRow("account-music", { ...row, endTime: "2023-01-01T10:00:00Z" })).toEqual({
      kind: "rejected",
      reason: 'endTime is not "YYYY-MM-DD HH:mm"',
    });
  });
});
