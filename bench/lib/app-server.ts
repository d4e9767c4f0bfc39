// Starts the built app in demo mode (scripts/run.ts start: Next.js plus its emulator) on ports of the
// benchmark's own, and stops it. Everything listens on 127.0.0.1 only.
import { type ChildProcess, spawn } from "node:child_process";
import { controlHeaders } from "../../emulator/control-guard";
import { readControlToken } from "../../emulator/control-token-file";

export type RunningApp = {
  appUrl: string;
  emulatorUrl: string;
  /** The emulator's control API token, which the launcher wrote to a file of the benchmark's own. */
  emulatorToken: string;
  pid: number;
  stop(): Promise<void>;
};

export async function startApp(options: {
  port: number;
  emulatorPort: number;
  env?: Record<string, string>;
}) {
  const appUrl = `http://127.0.0.1:${options.port}`;
  const tokenFile = `bench/results/emulator-token-${options.emulatorPort}`;
  const child: ChildProcess = spawn("npx", ["tsx", "scripts/run.ts", "start"], {
    stdio: ["ignore", "ignore", "inherit"],
    detached: true, // its own process group, so stop() ends Next.js too
    env: {
      ...process.env,
      PORT: String(options.port),
      EMULATOR_PORT: String(options.emulatorPort),
      EMULATOR_TOKEN_FILE: tokenFile,
      NEXTAUTH_URL: appUrl,
      SPOTIFY_CLIENT_ID: "",
      SPOTIFY_CLIENT_SECRET: "",
      SPOTIFY_ACCOUNTS_URL: "",
      SPOTIFY_API_URL: "",
      NEXTAUTH_SECRET: "",
      NODE_ENV: "production",
      // A throwaway embedded database on a free port: a benchmark never touches data/.
      DATABASE_URL: "",
      EARSHOT_DATA_DIR: "memory://bench",
      EMBEDDED_DB_PORT: "0",
      ...options.env,
    },
  });
  // However the benchmark ends (an error, Ctrl-C), the server goes with it.
  const kill = () => {
    try {
      if (child.pid && child.exitCode === null) process.kill(-child.pid, "SIGTERM");
    } catch {
      // already gone
    }
  };
  process.once("exit", kill);
  for (const signal of ["SIGINT", "SIGTERM"] as const)
    process.once(signal, () => (kill(), process.exit(130)));
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(`${appUrl}/api/health`)).ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline || child.exitCode !== null)
      throw new Error("the app did not start (did you `npm run build`?)");
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    appUrl,
    emulatorUrl: `http://127.0.0.1:${options.emulatorPort}`,
    // Written before Next.js starts, so it is there once the app answers.
    emulatorToken: readControlToken(tokenFile),
    pid: child.pid!,
    async stop() {
      if (child.pid && child.exitCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        kill();
        await exited;
      }
    },
  } satisfies RunningApp;
}

/** Calls the emulator's control API. */
export async function control<T = unknown>(
  app: Pick<RunningApp, "emulatorUrl" | "emulatorToken">,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const response = await fetch(`${app.emulatorUrl}/__emulator${path}`, {
    method,
    headers: controlHeaders(app.emulatorToken, method),
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`emulator ${method} ${path}: ${response.status}`);
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}
