// Benchmark: what sharing costs. 500 overlay viewers of one listener (Server-Sent Events) for 3 minutes
// plus 100 card requests a minute, then one dashboard (the real poll schedule) for the same 3 minutes
// of the same scripted listening: a natural track end, a skip, a pause and resume, a seek to near the
// end and another natural end. Reported:
//   - Spotify's player calls (the emulator's counter) in each phase: sharing must cost what one
//     dashboard does, however many watch;
//   - event latency: from each change on the emulator to each viewer's event (p50/p95/max);
//   - the Next.js server's RSS during the share phase (after the viewers connected, peak, end);
//   - card answers (status, p95 time) and stream errors.
// 127.0.0.1 only, bounded (BENCH_MINUTES per phase, default 3; BENCH_VIEWERS, default 500), and it
// stops by itself. Run: npm run bench:share   (builds first)
import { setTimeout as sleep } from "node:timers/promises";
import { nextPollDelay } from "@/lib/client/poll-schedule";
import type { PlayerState } from "@/lib/listening";
import { DEFAULT_SHARE_OPTIONS } from "@/lib/share/share-options";
import { control, startApp } from "../lib/app-server";
import { nextServerPid, rssMiB } from "../lib/process-memory";
import { signInCookie } from "../lib/sign-in";

const MINUTES = Number(process.env.BENCH_MINUTES ?? 3);
const VIEWERS = Number(process.env.BENCH_VIEWERS ?? 500);
const CARDS_PER_MINUTE = 100;
const PHASE_MS = MINUTES * 60_000;
const LISTENER = "rory";

type Track = { uri: string; name: string; durationMs: number };
/** A change on Spotify's side: a natural end (seen at the item's end) or a control (a later poll). */
type Expected = { at: number; title: string; state: "playing" | "paused"; natural: boolean };
type Counters = { requests: Record<string, number> };

const app = await startApp({ port: 3445, emulatorPort: 4645 });
const emu = <T>(method: string, path: string, body?: unknown) => control<T>(app, method, path, body);
const cookie = await signInCookie(app.appUrl, LISTENER);
const nextPid = nextServerPid(app.pid);

try {
  const shared = await fetch(`${app.appUrl}/api/account/share`, {
    method: "PUT",
    headers: { cookie, origin: app.appUrl, "content-type": "application/json" },
    body: JSON.stringify({ enabled: true, options: DEFAULT_SHARE_OPTIONS }),
  });
  if (!shared.ok) throw new Error(`turning sharing on: ${shared.status} ${await shared.text()}`);
  const { overlayUrl, cardUrl } = (await shared.json()) as { overlayUrl: string; cardUrl: string };
  const eventsUrl = overlayUrl.replace(/overlay$/, "events");
  const tracks = (await emu<{ library: { tracks: Track[] } }>("GET", `/listeners/${LISTENER}`)).library
    .tracks;

  console.log(`Share load: ${VIEWERS} viewers + ${CARDS_PER_MINUTE} cards/min, ${MINUTES} min per phase`);
  const share = await sharePhase(eventsUrl, cardUrl, tracks);
  // Let the feed notice that nobody watches (it lingers 15 s) before the dashboard's phase.
  await sleep(20_000);
  const dashboard = await dashboardPhase(tracks);

  const spread = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const pct = (p: number) =>
      sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
    return `${pct(50)} / ${pct(95)} / ${sorted.at(-1) ?? NaN} ms`;
  };
  const cardSorted = [...share.cardMs].sort((a, b) => a - b);
  console.log("\n| measure | value |\n|---|---|");
  console.log(
    `| Spotify player calls, ${VIEWERS} overlay viewers + cards (${MINUTES} min) | ${share.playerCalls} |`,
  );
  console.log(
    `| Spotify player calls, one dashboard (${MINUTES} min, same listening) | ${dashboard.playerCalls} |`,
  );
  const receivedEvents = share.latencies.natural.length + share.latencies.control.length;
  console.log(`| events received / expected | ${receivedEvents} / ${share.expectedEvents} |`);
  console.log(`| event latency, natural track ends: p50 / p95 / max | ${spread(share.latencies.natural)} |`);
  console.log(
    `| event latency, skip, pause, resume (seen at the next poll): p50 / p95 / max | ${spread(share.latencies.control)} |`,
  );
  console.log(`| stream errors | ${share.streamErrors} |`);
  console.log(
    `| card requests: ok / not ok, p95 | ${share.cardOk} / ${share.cardFailed}, ${cardSorted[Math.floor(0.95 * cardSorted.length)] ?? NaN} ms |`,
  );
  console.log(
    `| Next.js RSS: connected / peak / end | ${share.rss.connected.toFixed(0)} / ${share.rss.peak.toFixed(0)} / ${share.rss.end.toFixed(0)} MiB |`,
  );
  const equal = share.playerCalls <= dashboard.playerCalls;
  console.log(
    equal
      ? "Sharing cost no more Spotify calls than one dashboard."
      : "Sharing cost MORE Spotify calls than one dashboard.",
  );
  process.exitCode = equal && share.streamErrors === 0 && share.cardFailed === 0 ? 0 : 1;
} finally {
  await app.stop();
}

/**
 * The same listening for both phases, relative to the phase's start: returns what each viewer should
 * see, and when it changed on Spotify's side.
 */
async function playScript(
  tracks: Track[],
  start: number,
  stopAt: number,
  /** Called once the first track plays: the watchers start then, as a dashboard opened then would. */
  started: () => Promise<void>,
): Promise<Expected[]> {
  const [a, b, c, d] = tracks as [Track, Track, Track, Track];
  const expected: Expected[] = [];
  const at = async (offsetMs: number, action: Record<string, unknown>, seen: Expected | null) => {
    const wait = start + offsetMs - Date.now();
    if (start + offsetMs > stopAt) return;
    if (wait > 0) await sleep(wait);
    if (Object.keys(action).length > 0) await emu("POST", `/listeners/${LISTENER}/player`, action);
    if (seen) expected.push({ ...seen, at: Date.now() });
  };
  const change = (title: string, state: Expected["state"], natural = false) => ({
    at: 0,
    title,
    state,
    natural,
  });
  // The first track with 30 s left: its natural end brings the second.
  await at(0, { action: "play", uri: a.uri, positionMs: a.durationMs - 30_000 }, null);
  await started();
  await at(30_000, {}, change(b.name, "playing", true));
  await at(75_000, { action: "play", uri: c.uri }, change(c.name, "playing"));
  await at(120_000, { action: "pause" }, change(c.name, "paused"));
  await at(140_000, { action: "resume" }, change(c.name, "playing"));
  await at(150_000, { action: "seek", positionMs: c.durationMs - 15_000 }, null);
  await at(165_000, {}, change(d.name, "playing", true));
  return expected;
}

async function sharePhase(eventsUrl: string, cardUrl: string, tracks: Track[]) {
  const received: { at: number; title: string; state: string }[][] = [];
  let streamErrors = 0;
  const controllers: AbortController[] = [];
  const streams: Promise<void>[] = [];
  const connect = async () => {
    for (let i = 0; i < VIEWERS; i += 1) {
      const log: { at: number; title: string; state: string }[] = [];
      received.push(log);
      const abort = new AbortController();
      controllers.push(abort);
      streams.push(readStream(eventsUrl, abort.signal, log).catch(() => void (streamErrors += 1)));
      if (i % 50 === 49) await sleep(100); // connect in bursts, as viewers arrive
    }
  };
  const rss = { connected: NaN, peak: 0, end: 0 };
  await emu("POST", "/counters/reset");
  const start = Date.now();
  const stopAt = start + PHASE_MS;

  let cardOk = 0;
  let cardFailed = 0;
  const cardMs: number[] = [];
  const requestCards = async () => {
    while (Date.now() < stopAt) {
      const begun = performance.now();
      const response = await fetch(cardUrl).catch(() => null);
      cardMs.push(Math.round(performance.now() - begun));
      if (response?.ok && (await response.text()).startsWith("<svg")) cardOk += 1;
      else cardFailed += 1;
      await sleep(60_000 / CARDS_PER_MINUTE);
    }
  };
  let cards: Promise<void> = Promise.resolve();
  const sampler = setInterval(() => {
    if (nextPid) rss.peak = Math.max(rss.peak, rssMiB(nextPid));
  }, 2_000);

  const expected = await playScript(tracks, start, stopAt, async () => {
    await connect();
    cards = requestCards();
    setTimeout(() => (rss.connected = nextPid ? rssMiB(nextPid) : NaN), 3_000);
  });
  await sleep(Math.max(0, stopAt - Date.now()));
  await cards;
  clearInterval(sampler);
  rss.end = nextPid ? rssMiB(nextPid) : NaN;
  const counters = await emu<Counters>("GET", "/counters");
  for (const abort of controllers) abort.abort();
  await Promise.allSettled(streams);

  if (process.env.BENCH_DEBUG) {
    console.log(
      "expected",
      expected.map((e) => ({ ...e, at: e.at - start })),
    );
    console.log(
      "viewer 0",
      received[0]!.map((e) => ({ ...e, at: e.at - start })),
    );
  }
  // Each change, for each viewer: the first event showing it, at or after the change.
  const latencies = { natural: [] as number[], control: [] as number[] };
  let expectedEvents = 0;
  for (const change of expected) {
    for (const log of received) {
      expectedEvents += 1;
      const seen = log.find(
        (e) => e.at >= change.at - 50 && e.title === change.title && e.state === change.state,
      );
      if (seen) latencies[change.natural ? "natural" : "control"].push(Math.max(0, seen.at - change.at));
    }
  }
  return {
    playerCalls: counters.requests["GET /v1/me/player"] ?? 0,
    latencies,
    expectedEvents,
    streamErrors,
    cardOk,
    cardFailed,
    cardMs,
    rss,
  };
}

async function readStream(
  url: string,
  signal: AbortSignal,
  log: { at: number; title: string; state: string }[],
) {
  const response = await fetch(url, { signal });
  if (!response.ok || !response.body) throw new Error(`stream: ${response.status}`);
  const decoder = new TextDecoder();
  let buffer = "";
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const message = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = /^data: (.*)$/m.exec(message)?.[1];
        if (!message.startsWith("event: view") || !data) continue;
        const { view } = JSON.parse(data) as { view: { state: string; title?: string | null } };
        log.push({ at: Date.now(), title: view.title ?? "", state: view.state });
      }
    }
  } catch (error) {
    if (!signal.aborted) throw error;
  }
}

/** One dashboard tab: the player on the real schedule, for the same listening. */
async function dashboardPhase(tracks: Track[]) {
  await emu("POST", "/counters/reset");
  const start = Date.now();
  const stopAt = start + PHASE_MS;
  const poll = async () => {
    let failures = 0;
    while (Date.now() < stopAt) {
      let player: PlayerState | undefined;
      let error: unknown = null;
      try {
        const response = await fetch(`${app.appUrl}/api/spotify/player`, { headers: { cookie } });
        if (!response.ok) throw new Error(`player: ${response.status}`);
        player = (await response.json()) as PlayerState;
        failures = 0;
      } catch (caught) {
        error = caught;
        failures += 1;
      }
      const delay = nextPollDelay({ player, offsetMs: 0, error, failureStreak: failures, now: Date.now() });
      if (delay === false) throw new Error("the dashboard was signed out");
      await sleep(Math.min(delay, Math.max(0, stopAt - Date.now())));
    }
  };
  let polls: Promise<void> = Promise.resolve();
  await playScript(tracks, start, stopAt, async () => {
    polls = poll();
  });
  await polls;
  const counters = await emu<Counters>("GET", "/counters");
  return { playerCalls: counters.requests["GET /v1/me/player"] ?? 0 };
}
