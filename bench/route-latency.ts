// Benchmark: what the /api/spotify/currently-playing proxy costs. With autocannon (10 connections,
// 10 s each, all on 127.0.0.1) it measures, in one run:
//   proxy   - the route handler with a signed-in session, against the emulator
//   direct  - the same request sent straight to the emulator with the access token
//   trivial - /api/health of the same build (no session, no upstream)
// once with per-person sharing on (the default) and once with it off (SPOTIFY_SHARE_MS=0).
// Goals: proxy p50 at most 5 ms above direct; proxy at least half the requests/s of trivial.
// Run: npm run bench:routes   (builds first)
import autocannon from "autocannon";
import { control, startApp } from "./lib/app-server";
import { signInCookie } from "./lib/sign-in";

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const CONNECTIONS = 10;

type Row = { name: string; p50: number; p99: number; rps: number; non2xx: number; errors: number };

async function measure(name: string, url: string, headers: Record<string, string> = {}): Promise<Row> {
  // A short warm-up so JIT and connection set-up do not count.
  await autocannon({ url, headers, connections: CONNECTIONS, duration: 1 });
  const result = await autocannon({ url, headers, connections: CONNECTIONS, duration: DURATION_S });
  return {
    name,
    p50: result.latency.p50,
    p99: result.latency.p99,
    rps: Math.round(result.requests.average),
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

async function runMode(label: string, shareMs: string, ports: { port: number; emulatorPort: number }) {
  // One person's flood is what the per-person limit and the app's budget refuse: lift both to measure the route.
  const app = await startApp({
    ...ports,
    env: { SPOTIFY_SHARE_MS: shareMs, API_RATE_LIMIT_PER_MINUTE: "0", SPOTIFY_BUDGET_PER_MINUTE: "100000" },
  });
  try {
    // The benchmark measures the proxy, not Spotify's rate limit: lift the emulator's.
    await control(app, "POST", "/config", { rateLimit: null });
    const cookie = await signInCookie(app.appUrl);
    const { accessTokens } = await control<{ accessTokens: string[] }>(app, "GET", "/tokens");
    const token = accessTokens.at(-1)!;
    const upstreamPath = "/v1/me/player/currently-playing?additional_types=track,episode";

    await control(app, "POST", "/counters/reset");
    const proxy = await measure("proxy", `${app.appUrl}/api/spotify/currently-playing`, { cookie });
    const upstreamCalls =
      (await control<{ requests: Record<string, number> }>(app, "GET", "/counters")).requests[
        "GET /v1/me/player/currently-playing"
      ] ?? 0;
    const direct = await measure("direct", `${app.emulatorUrl}${upstreamPath}`, {
      authorization: `Bearer ${token}`,
    });
    const trivial = await measure("trivial", `${app.appUrl}/api/health`);
    return { label, rows: [proxy, direct, trivial], upstreamCalls };
  } finally {
    await app.stop();
  }
}

function report(mode: Awaited<ReturnType<typeof runMode>>) {
  const [proxy, direct, trivial] = mode.rows as [Row, Row, Row];
  console.log(`\n${mode.label}`);
  console.table(
    mode.rows.map((r) => ({
      route: r.name,
      "p50 ms": r.p50,
      "p99 ms": r.p99,
      "req/s": r.rps,
      "non-2xx": r.non2xx,
      errors: r.errors,
    })),
  );
  const addedP50 = proxy.p50 - direct.p50;
  const rpsRatio = proxy.rps / trivial.rps;
  console.log(
    `  proxy p50 over direct: ${addedP50.toFixed(1)} ms (goal <= 5 ms): ${addedP50 <= 5 ? "met" : "NOT met"}`,
  );
  console.log(
    `  proxy req/s / trivial req/s: ${rpsRatio.toFixed(2)} (goal >= 0.5): ${rpsRatio >= 0.5 ? "met" : "NOT met"}`,
  );
  console.log(
    `  upstream calls during the proxy run: ${mode.upstreamCalls} for ${proxy.rps * DURATION_S} requests`,
  );
}

const modes = [
  await runMode("Per-person sharing on (default, 1 s)", "1000", { port: 3410, emulatorPort: 4610 }),
  await runMode("Per-person sharing off (SPOTIFY_SHARE_MS=0)", "0", { port: 3411, emulatorPort: 4611 }),
];
console.log(`\nautocannon: ${CONNECTIONS} connections, ${DURATION_S} s per route, 127.0.0.1`);
modes.forEach(report);
