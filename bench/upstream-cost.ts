// Benchmark: what a live dashboard costs in Spotify calls, and how soon it shows changes.
// Eight minutes of scripted listening (natural track ends, a skip, a scrub, a pause, an idle spell,
// steady listening, a hidden tab), applied at the same moments to three demo listeners at once:
//   rory  - one Earshot dashboard
//   maya  - three Earshot dashboards (tabs) of the same listener
//   sam   - a fixed 10-second poll of currently-playing, what popular dashboards do
// Upstream calls are read from the emulator's per-listener counters at each phase boundary.
// Goals: <= 5 calls/min per visible dashboard while playing, <= 1/min idle, 0 hidden; three tabs
// cost no more than one; a natural track change on screen within 1.5 s (p95); skip/pause within 15 s.
// Run: npm run bench:upstream   (builds first; takes about 8 minutes)
import type { BrowserContext, Page } from "@playwright/test";
import { control, startApp } from "./lib/app-server";
import { launchChromium } from "./lib/browser";
import { setHidden } from "../e2e/fixtures/visibility";

type ListenerState = {
  state: string;
  item: { uri: string; name: string; durationMs: number } | null;
  progressMs: number | null;
  library: { tracks: { uri: string; name: string; durationMs: number }[] };
};
type Counters = { upstreamByListener: Record<string, number> };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const app = await startApp({ port: 3430, emulatorPort: 4630 });
const browser = await launchChromium();
const emu = <T>(method: string, path: string, body?: unknown) => control<T>(app, method, path, body);
const listeners = ["rory", "maya", "sam"] as const;
type Listener = (typeof listeners)[number];

async function signedInContext(listener: Listener): Promise<BrowserContext> {
  const context = await browser.newContext();
  // tsx keeps function names with a `__name` helper that pages do not have: give them one.
  await context.addInitScript({ content: "globalThis.__name = (f) => f;" });
  const page = await context.newPage();
  await page.goto(`${app.appUrl}/signin?callbackUrl=%2Fapi%2Fhealth`);
  await page.getByRole("button", { name: "Sign in with Spotify" }).click();
  await page.locator(`input[name="listener"][value="${listener}"]`).check();
  await page.getByRole("button", { name: "Agree" }).click();
  await page.waitForURL(`${app.appUrl}/api/health`);
  await page.close();
  return context;
}

/** An Earshot dashboard tab that records when its title and state change (page clock = our clock). */
async function openDashboard(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.addInitScript(() => {
    const log: { at: number; title: string; state: string }[] = [];
    (window as unknown as { __changes: typeof log }).__changes = log;
    const read = () => ({
      title: document.querySelector('[data-testid="now-playing-title"]')?.textContent ?? "",
      state: document.querySelector('[data-testid="now-playing-state"]')?.textContent ?? "",
    });
    new MutationObserver(() => {
      const now = read();
      const last = log.at(-1);
      if (!last || last.title !== now.title || last.state !== now.state) log.push({ at: Date.now(), ...now });
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
  await page.goto(`${app.appUrl}/dashboard`);
  await page.getByTestId("now-playing-title").waitFor();
  return page;
}

/** The baseline: a page that polls currently-playing every 10 s and records what it saw. */
async function openFixedPoller(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  // An app page (JSON routes have a closed CSP that forbids fetch), without a dashboard of its own.
  await page.goto(`${app.appUrl}/auth/error`);
  await page.evaluate(() => {
    const log: { at: number; title: string; state: string }[] = [];
    (window as unknown as { __changes: typeof log }).__changes = log;
    const poll = async () => {
      const body = await fetch("/api/spotify/currently-playing")
        .then((r) => r.json())
        .catch(() => null);
      const now = { title: body?.item?.title ?? "", state: body?.state ?? "" };
      const last = log.at(-1);
      if (!last || last.title !== now.title || last.state !== now.state) log.push({ at: Date.now(), ...now });
    };
    void poll();
    setInterval(poll, 10_000);
  });
  return page;
}

const contexts = Object.fromEntries(
  await Promise.all(listeners.map(async (l) => [l, await signedInContext(l)] as const)),
) as Record<Listener, BrowserContext>;
const calls = async () => (await emu<Counters>("GET", "/counters")).upstreamByListener;

// Start every listener near the end of its first track, then open the dashboards.
await emu("POST", "/config", { rateLimit: null });
const firstTracks = await Promise.all(listeners.map((l) => emu<ListenerState>("GET", `/listeners/${l}`)));
await Promise.all(
  listeners.map((l, i) => {
    const track = firstTracks[i]!.library.tracks[0]!;
    return emu("POST", `/listeners/${l}/player`, {
      action: "play",
      uri: track.uri,
      positionMs: track.durationMs - 40_000,
    });
  }),
);
const pages: Record<Listener, Page[]> = {
  rory: [await openDashboard(contexts.rory)],
  maya: [
    await openDashboard(contexts.maya),
    await openDashboard(contexts.maya),
    await openDashboard(contexts.maya),
  ],
  sam: [await openFixedPoller(contexts.sam)],
};
const started = Date.now();
const phases: { name: string; ms: number; calls: Record<string, number> }[] = [];
let mark = { at: Date.now(), calls: await calls() };
async function endPhase(name: string) {
  const now = { at: Date.now(), calls: await calls() };
  const delta = Object.fromEntries(listeners.map((l) => [l, (now.calls[l] ?? 0) - (mark.calls[l] ?? 0)]));
  phases.push({ name, ms: now.at - mark.at, calls: delta });
  console.log(
    `  ${((now.at - started) / 1000).toFixed(0)} s: ${name} phase done, calls ${JSON.stringify(delta)}`,
  );
  mark = now;
}

// Expected changes: when each should be on screen, and what it should show.
type Expectation = {
  kind: "natural" | "skip" | "pause";
  at: number;
  listener: Listener;
  title?: string;
  state?: string;
};
const expectations: Expectation[] = [];

function expectNaturalEnd(listener: Listener, state: ListenerState) {
  const endsAt = Date.now() + (state.item!.durationMs - (state.progressMs ?? 0));
  const index = state.library.tracks.findIndex((t) => t.uri === state.item!.uri);
  const next = state.library.tracks[(index + 1) % state.library.tracks.length]!;
  expectations.push({ kind: "natural", at: endsAt, listener, title: next.name });
}

const at = (seconds: number) => sleep(Math.max(0, started + seconds * 1000 - Date.now()));
const act = (action: unknown) =>
  Promise.all(listeners.map((l) => emu<ListenerState>("POST", `/listeners/${l}/player`, action)));

// 0-150 s, playing: the first track ends naturally at 40 s and the next plays on; a skip at 130 s.
for (const l of listeners) expectNaturalEnd(l, await emu<ListenerState>("GET", `/listeners/${l}`));
await at(130);
(await act({ action: "skip" })).forEach((state, i) =>
  expectations.push({ kind: "skip", at: Date.now(), listener: listeners[i]!, title: state.item!.name }),
);
await at(150);
await endPhase("playing");

// 150-180 s: a pause.
await act({ action: "pause" });
for (const l of listeners) expectations.push({ kind: "pause", at: Date.now(), listener: l, state: "paused" });
await at(180);
await endPhase("paused");

// 180-240 s, playing: resume, then the listener scrubs to near the end; it ends naturally at ~220 s.
await act({ action: "resume" });
await at(190);
for (const l of listeners) {
  const now = await emu<ListenerState>("GET", `/listeners/${l}`);
  expectNaturalEnd(
    l,
    await emu<ListenerState>("POST", `/listeners/${l}/player`, {
      action: "seek",
      positionMs: now.item!.durationMs - 30_000,
    }),
  );
}
await at(240);
await endPhase("playing");

// 240-315 s: playback stops; once the dashboards have seen it (15 s), a minute of idle is counted.
await act({ action: "stop" });
await at(255);
await endPhase("settling");
await at(315);
await endPhase("idle");

// 315-445 s: playing again; after the dashboards have seen it (10 s), two minutes of steady listening.
await act({ action: "play" });
await at(325);
await endPhase("playing");
await at(445);
await endPhase("steady");

// 445-475 s: every tab hidden.
for (const l of ["rory", "maya"] as const) for (const page of pages[l]) await setHidden(page, true);
await at(475);
await endPhase("hidden");

// Results.
const totals = (name: string) => {
  const rows = phases.filter((p) => p.name === name);
  const minutes = rows.reduce((n, p) => n + p.ms, 0) / 60_000;
  const per = (l: Listener) => rows.reduce((n, p) => n + (p.calls[l] ?? 0), 0) / minutes;
  return { minutes, rory: per("rory"), maya: per("maya"), sam: per("sam") };
};
console.log(
  `\nUpstream Spotify calls per minute (${((Date.now() - started) / 60_000).toFixed(1)} min run, emulator counters)`,
);
console.table(
  ["playing", "steady", "paused", "idle", "hidden"].map((name) => {
    const t = totals(name);
    return {
      phase: name,
      minutes: t.minutes.toFixed(1),
      "Earshot, 1 tab": t.rory.toFixed(2),
      "Earshot, 3 tabs": t.maya.toFixed(2),
      "fixed 10 s poll": t.sam.toFixed(2),
    };
  }),
);
const everything = phases.reduce(
  (n, p) => ({
    rory: n.rory + (p.calls.rory ?? 0),
    maya: n.maya + (p.calls.maya ?? 0),
    sam: n.sam + (p.calls.sam ?? 0),
  }),
  { rory: 0, maya: 0, sam: 0 },
);
console.log(
  `Total calls: Earshot 1 tab ${everything.rory}, Earshot 3 tabs ${everything.maya}, fixed 10 s poll ${everything.sam}`,
);

// When each change reached the screen.
const logs = Object.fromEntries(
  await Promise.all(
    listeners.map(
      async (l) =>
        [
          l,
          await pages[l][0]!.evaluate(
            () =>
              (window as unknown as { __changes: { at: number; title: string; state: string }[] }).__changes,
          ),
        ] as const,
    ),
  ),
) as Record<Listener, { at: number; title: string; state: string }[]>;
function latency(e: Expectation): number | null {
  const seen = logs[e.listener].find(
    (c) =>
      c.at >= e.at - 2_000 && (e.title ? c.title === e.title : c.state.toLowerCase().startsWith(e.state!)),
  );
  return seen ? Math.max(0, seen.at - e.at) : null;
}
const p95 = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.max(0, Math.ceil(values.length * 0.95) - 1)] ?? NaN;
console.log("\nTime from a change in Spotify to the screen (ms)");
console.table(
  (["natural", "skip", "pause"] as const).flatMap((kind) =>
    (["rory", "sam"] as const).map((l) => {
      const values = expectations.filter((e) => e.kind === kind && e.listener === l).map(latency);
      const seen = values.filter((v): v is number => v !== null);
      return {
        change: kind,
        client: l === "rory" ? "Earshot" : "fixed 10 s poll",
        count: values.length,
        missed: values.length - seen.length,
        "p50 ms": seen.length ? [...seen].sort((a, b) => a - b)[Math.floor(seen.length / 2)] : "-",
        "p95 ms": seen.length ? p95(seen) : "-",
      };
    }),
  ),
);
const playing = totals("playing");
const steady = totals("steady");
const idle = totals("idle");
const hidden = totals("hidden");
const naturals = expectations
  .filter((e) => e.kind === "natural" && e.listener === "rory")
  .map(latency)
  .filter((v): v is number => v !== null);
const changes = expectations.filter((e) => e.kind !== "natural" && e.listener === "rory").map(latency);
console.log("\nGoals");
console.log(
  `  playing <= 5 calls/min, with a change every ~50 s: ${playing.rory.toFixed(2)} ${playing.rory <= 5 ? "met" : "NOT met"}`,
);
console.log(
  `  playing <= 5 calls/min, steady listening: ${steady.rory.toFixed(2)} ${steady.rory <= 5 ? "met" : "NOT met"}`,
);
console.log(`  idle <= 1 call/min: ${idle.rory.toFixed(2)} ${idle.rory <= 1 ? "met" : "NOT met"}`);
console.log(`  hidden 0 calls: ${hidden.rory.toFixed(2)} ${hidden.rory === 0 ? "met" : "NOT met"}`);
console.log(
  `  3 tabs <= 1 tab: ${everything.maya} vs ${everything.rory} ${everything.maya <= everything.rory ? "met" : "NOT met"}`,
);
console.log(
  `  natural change p95 <= 1.5 s: ${p95(naturals)} ms ${p95(naturals) <= 1500 ? "met" : "NOT met"}`,
);
console.log(
  `  skip/pause within 15 s: ${changes.map((v) => v ?? "missed").join(", ")} ms ${changes.every((v) => v !== null && v <= 15_000) ? "met" : "NOT met"}`,
);

await browser.close();
await app.stop();
