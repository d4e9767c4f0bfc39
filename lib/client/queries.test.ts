// "Load more" (the store's next page) racing the merge of newer plays (Spotify's `after`): whatever
// order the two requests start and finish in, the list ends with every play exactly once, newest
// first. The app's own fetcher and React Query run
// for real; only the network is replaced, by answers the test releases one at a time.
import { InfiniteQueryObserver, QueryClient } from "@tanstack/react-query";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { HistoryPage, Play, RecentPlays } from "@/lib/listening";
import { RECENT_PLAYS_PAGE_SIZE } from "@/lib/listening/limits";
import { flattenPages, playKey } from "@/lib/listening/plays";
import { play } from "@/lib/listening/test-data";
import { fetchNewerPlays, queryKeys, type RecentPlaysData, recentPlaysQueryOptions } from "./queries";

const T0 = Date.parse("2026-11-28T12:00:00.000Z");
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();
/** 45 plays a minute apart, newest first (minute 44 down to 0), then two newer ones (45, 46). */
const stored: Play[] = Array.from({ length: 45 }, (_, i) => play(at(44 - i), { id: `t${44 - i}` }));
const newer: Play[] = [play(at(46), { id: "t46" }), play(at(45), { id: "t45" })];

type Kind = "first" | "more" | "newer";
type Pending = { kind: Kind; url: URL; release: () => void };

let pending: Pending[] = [];

/** Spotify has logged the two newer plays (before that, an `after` call finds nothing). */
let newerLogged = false;

/**
 * The server: the store's pages by `cursor` (GET /api/history), Spotify's newer plays by `after`
 * (GET /api/spotify/recently-played); each answer waits for `release`.
 */
function fakeFetch(path: string): Promise<Response> {
  const url = new URL(path, "http://earshot.test");
  const cursor = url.searchParams.get("cursor");
  const after = url.searchParams.get("after");
  let kind: Kind;
  let body: HistoryPage | RecentPlays;
  if (url.pathname === "/api/spotify/recently-played" && after !== null) {
    kind = "newer";
    const plays = newerLogged ? newer.filter((p) => Date.parse(p.playedAt) > Number(after)) : [];
    body = { plays, nextBefore: null };
  } else if (url.pathname === "/api/history") {
    kind = cursor === null ? "first" : "more";
    const older = stored.filter((p) => cursor === null || Date.parse(p.playedAt) < Number(cursor));
    const page = older.slice(0, RECENT_PLAYS_PAGE_SIZE);
    const last = page.at(-1);
    body = {
      plays: page.map((p, i) => ({
        ...p,
        id: String(i),
        source: "recorded" as const,
        msPlayed: null,
        artistKeys: [],
        albumKey: null,
      })),
      nextCursor: older.length > page.length && last ? String(Date.parse(last.playedAt)) : null,
      gaps: [],
      recordingPaused: false,
    };
  } else {
    throw new Error(`unexpected request ${path}`);
  }
  return new Promise((resolve) => {
    pending.push({ kind, url, release: () => resolve(Response.json(body)) });
  });
}

/** Lets the request of `kind` (once it has been made) be answered, and lets the answer settle. */
async function release(kind: Kind) {
  await vi.waitFor(() => expect(pending.some((p) => p.kind === kind)).toBe(true));
  const index = pending.findIndex((p) => p.kind === kind);
  const [request] = pending.splice(index, 1);
  request!.release();
  await settle();
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 10));

let client: QueryClient;
let observer: InfiniteQueryObserver<RecentPlaysData>;

beforeEach(async () => {
  pending = [];
  vi.stubGlobal("fetch", vi.fn(fakeFetch));
  client = new QueryClient();
  observer = new InfiniteQueryObserver(client, recentPlaysQueryOptions()) as never;
  observer.subscribe(() => {});
  newerLogged = false;
  // The store's first page, then the one `after` call that tops it up (nothing newer yet).
  await release("first");
  await release("newer");
  expect(shown()).toHaveLength(RECENT_PLAYS_PAGE_SIZE);
  newerLogged = true;
});

afterEach(() => {
  client.clear();
  vi.unstubAllGlobals();
});

function shown(): Play[] {
  const data = client.getQueryData<RecentPlaysData>(queryKeys.recentPlays);
  return data ? data.pages.flatMap((page) => page.plays) : [];
}

/** Every loaded row once, newest first: the two newer plays and the first two pages. */
function expectComplete(pagesLoaded: number) {
  const expected = [...newer, ...stored.slice(0, pagesLoaded * RECENT_PLAYS_PAGE_SIZE)].map(playKey);
  const rows = shown().map(playKey);
  // The pages as stored, not only as flattened for display: a row is in exactly one page.
  expect(rows).toEqual(expected);
  const data = client.getQueryData<RecentPlaysData>(queryKeys.recentPlays)!;
  expect(flattenPages(data.pages).map(playKey)).toEqual(expected);
}

const orders: [string, Kind[], "newer-first" | "more-first"][] = [
  ["newer starts, more starts, newer ends, more ends", ["newer", "more"], "newer-first"],
  ["newer starts, more starts, more ends, newer ends", ["more", "newer"], "newer-first"],
  ["more starts, newer starts, newer ends, more ends", ["newer", "more"], "more-first"],
  ["more starts, newer starts, more ends, newer ends", ["more", "newer"], "more-first"],
];

describe("load more racing newer plays", () => {
  for (const [name, endings, starts] of orders) {
    it(`drops and duplicates nothing: ${name}`, async () => {
      let merge: Promise<{ added: string[] }> | undefined;
      let more: Promise<unknown> | undefined;
      if (starts === "newer-first") {
        merge = fetchNewerPlays(client);
        await vi.waitFor(() => expect(pending.some((p) => p.kind === "newer")).toBe(true));
        more = observer.fetchNextPage();
      } else {
        more = observer.fetchNextPage();
        await vi.waitFor(() => expect(pending.some((p) => p.kind === "more")).toBe(true));
        merge = fetchNewerPlays(client);
      }
      for (const kind of endings) await release(kind);
      const [{ added }] = await Promise.all([merge, more]);
      expect(added).toEqual(newer.map(playKey));
      expectComplete(2);
    });
  }

  it("merges newer plays after the last page too, and again finds nothing new", async () => {
    await Promise.all([observer.fetchNextPage(), release("more")]);
    await Promise.all([observer.fetchNextPage(), release("more")]);
    const merge = fetchNewerPlays(client);
    await release("newer");
    expect((await merge).added).toHaveLength(2);
    expect(shown().map(playKey)).toEqual([...newer, ...stored].map(playKey));
    const again = fetchNewerPlays(client);
    await release("newer");
    expect((await again).added).toEqual([]);
    expect(shown()).toHaveLength(stored.length + newer.length);
  });
});
