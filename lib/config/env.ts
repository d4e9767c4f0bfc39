// Reads and checks Earshot's environment once, and says what to set when something is wrong.
// Pure (no `server-only`) so that the start scripts and the build check can use it too; app code
// reads configuration through `@/lib/config`, which is server-only.
import { randomBytes } from "node:crypto";
import { z } from "zod";

/** The client the embedded emulator registers for demo mode. Not a secret: it only opens the emulator. */
export const DEMO_CLIENT = { id: "earshot-demo", secret: "earshot-demo-secret" } as const;
export const DEFAULT_EMULATOR_PORT = 4555;
export const DEFAULT_APP_URL = "http://127.0.0.1:3000";
export const DEFAULT_DATA_DIR = "data";
export const DEFAULT_EMBEDDED_DB_PORT = 5499;

export type AppConfig = {
  /** `demo` runs against the embedded Spotify emulator; `spotify` against the real service. */
  mode: "demo" | "spotify";
  spotify: {
    clientId: string;
    clientSecret: string;
    accountsUrl: string;
    apiUrl: string;
    /** How long one person's identical requests share an upstream answer; 0 turns sharing off. */
    shareMs: number;
  };
  auth: { url: string; secret: string; secure: boolean };
  store: {
    /** postgres://… of the store; set by the launcher to its embedded server when not configured. */
    databaseUrl: string | null;
    /** Where the embedded database (and the demo's session secret) live. */
    dataDir: string;
    /** Port of the embedded database server the launcher starts when DATABASE_URL is unset. */
    embeddedPort: number;
    /** The largest upload the import takes (bytes, from IMPORT_MAX_MB); more is a 413. */
    importMaxBytes: number;
  };
  shared: {
    /** redis://… shared by every instance (the 429 gate, request sharing, budget, limits, changes); null: in process. */
    redisUrl: string | null;
    /** Prefix of every Redis key and channel, so that several deployments (or test runs) can share one Redis. */
    redisPrefix: string;
    /** Spotify calls the whole app may make per minute, every instance together (SPOTIFY_BUDGET_PER_MINUTE). */
    budgetPerMinute: number;
    /** Requests per minute one person may make to /api/* (API_RATE_LIMIT_PER_MINUTE); 0 turns the limit off. */
    apiRateLimitPerMinute: number;
  };
};

export class ConfigError extends Error {
  override name = "ConfigError";
}

const blankToUndefined = (value: unknown) =>
  typeof value === "string" && value.trim() === "" ? undefined : value;
const optionalString = z.preprocess(blankToUndefined, z.string().trim().optional());
const optionalUrl = (name: string) =>
  z.preprocess(
    blankToUndefined,
    z
      .url({ protocol: /^https?$/, error: `${name} must be an http(s) URL, e.g. https://example.com` })
      .transform((url) => url.replace(/\/+$/, ""))
      .optional(),
  );

const envSchema = z.object({
  SPOTIFY_CLIENT_ID: optionalString,
  SPOTIFY_CLIENT_SECRET: optionalString,
  SPOTIFY_ACCOUNTS_URL: optionalUrl("SPOTIFY_ACCOUNTS_URL"),
  SPOTIFY_API_URL: optionalUrl("SPOTIFY_API_URL"),
  NEXTAUTH_URL: optionalUrl("NEXTAUTH_URL"),
  NEXTAUTH_SECRET: z.preprocess(
    blankToUndefined,
    z
      .string()
      .min(32, "NEXTAUTH_SECRET must be at least 32 characters; make one with `openssl rand -base64 32`")
      .optional(),
  ),
  EMULATOR_PORT: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(65535).optional()),
  DATABASE_URL: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(
        /^postgres(ql)?:\/\//,
        "DATABASE_URL must be a PostgreSQL URL, e.g. postgres://user:password@127.0.0.1:5432/earshot",
      )
      .optional(),
  ),
  EARSHOT_DATA_DIR: optionalString,
  EMBEDDED_DB_PORT: z.preprocess(blankToUndefined, z.coerce.number().int().min(0).max(65535).optional()),
  IMPORT_MAX_MB: z.preprocess(
    blankToUndefined,
    z.coerce
      .number()
      .int("IMPORT_MAX_MB must be a whole number of megabytes")
      .min(1, "IMPORT_MAX_MB must be at least 1")
      .max(4096, "IMPORT_MAX_MB must be at most 4096")
      .default(500),
  ),
  SPOTIFY_SHARE_MS: z.preprocess(
    blankToUndefined,
    z.coerce
      .number()
      .int("SPOTIFY_SHARE_MS must be a whole number of milliseconds")
      .min(0)
      .max(60_000)
      .default(1_000),
  ),
  REDIS_URL: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^rediss?:\/\//, "REDIS_URL must be a Redis URL, e.g. redis://127.0.0.1:6379/0")
      .optional(),
  ),
  REDIS_PREFIX: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^[\w:.-]{1,64}$/, "REDIS_PREFIX may hold letters, digits, _ - . and : (at most 64)")
      .default("earshot:"),
  ),
  SPOTIFY_BUDGET_PER_MINUTE: z.preprocess(
    blankToUndefined,
    z.coerce
      .number()
      .int("SPOTIFY_BUDGET_PER_MINUTE must be a whole number of calls")
      .min(2, "SPOTIFY_BUDGET_PER_MINUTE must be at least 2")
      .max(100_000)
      .default(120),
  ),
  API_RATE_LIMIT_PER_MINUTE: z.preprocess(
    blankToUndefined,
    z.coerce
      .number()
      .int("API_RATE_LIMIT_PER_MINUTE must be a whole number of requests (0 turns the limit off)")
      .min(0)
      .max(1_000_000)
      .default(300),
  ),
});

/**
 * Turns the environment into the app's configuration, or throws a ConfigError whose message lists
 * every problem and what to set.
 */
export function parseConfig(env: Record<string, string | undefined>): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `- ${issue.path.join(".")}: ${issue.message}`);
    throw new ConfigError(`Earshot's configuration is invalid:\n${problems.join("\n")}`);
  }
  const e = parsed.data;
  const authUrl = e.NEXTAUTH_URL ?? DEFAULT_APP_URL;
  const secure = authUrl.startsWith("https://");
  const store = {
    databaseUrl: e.DATABASE_URL ?? null,
    dataDir: e.EARSHOT_DATA_DIR ?? DEFAULT_DATA_DIR,
    embeddedPort: e.EMBEDDED_DB_PORT ?? DEFAULT_EMBEDDED_DB_PORT,
    importMaxBytes: e.IMPORT_MAX_MB * 1024 * 1024,
  };
  const shared = {
    redisUrl: e.REDIS_URL ?? null,
    redisPrefix: e.REDIS_PREFIX,
    budgetPerMinute: e.SPOTIFY_BUDGET_PER_MINUTE,
    apiRateLimitPerMinute: e.API_RATE_LIMIT_PER_MINUTE,
  };

  if (!e.SPOTIFY_CLIENT_ID) {
    if (e.SPOTIFY_CLIENT_SECRET) {
      throw new ConfigError(
        "SPOTIFY_CLIENT_SECRET is set but SPOTIFY_CLIENT_ID is not. Set both (from your app on " +
          "https://developer.spotify.com/dashboard) to use Spotify, or neither to run the built-in demo.",
      );
    }
    const emulator = `http://127.0.0.1:${e.EMULATOR_PORT ?? DEFAULT_EMULATOR_PORT}`;
    return {
      mode: "demo",
      spotify: {
        clientId: DEMO_CLIENT.id,
        clientSecret: DEMO_CLIENT.secret,
        accountsUrl: e.SPOTIFY_ACCOUNTS_URL ?? emulator,
        apiUrl: e.SPOTIFY_API_URL ?? emulator,
        shareMs: e.SPOTIFY_SHARE_MS,
      },
      auth: { url: authUrl, secret: e.NEXTAUTH_SECRET ?? developmentSecret(), secure },
      store,
      shared,
    };
  }

  const missing: string[] = [];
  if (!e.SPOTIFY_CLIENT_SECRET) {
    missing.push(
      "SPOTIFY_CLIENT_SECRET (the Client secret shown beside your Client ID on the Spotify dashboard)",
    );
  }
  if (!e.NEXTAUTH_SECRET) {
    missing.push("NEXTAUTH_SECRET (encrypts the session cookie; make one with `openssl rand -base64 32`)");
  }
  if (missing.length > 0) {
    throw new ConfigError(
      `SPOTIFY_CLIENT_ID is set, so Earshot talks to the real Spotify, but these are missing:\n` +
        missing.map((m) => `- ${m}`).join("\n") +
        `\nSet them in .env.local (see .env.local.example), or unset SPOTIFY_CLIENT_ID to run the demo.`,
    );
  }
  const accountsUrl = e.SPOTIFY_ACCOUNTS_URL ?? "https://accounts.spotify.com";
  const apiUrl = e.SPOTIFY_API_URL ?? "https://api.spotify.com";
  const cleartext = Object.entries({ SPOTIFY_ACCOUNTS_URL: accountsUrl, SPOTIFY_API_URL: apiUrl }).filter(
    ([, url]) => !isSafeSpotifyUrl(url),
  );
  if (cleartext.length > 0) {
    // The client secret and refresh tokens go to the Accounts service, access tokens to the API:
    // over plain http anyone on the path could read them. Loopback never leaves the machine.
    throw new ConfigError(
      `SPOTIFY_CLIENT_ID is set, so Earshot sends your client secret and people's tokens to Spotify, ` +
        `and only over https:\n` +
        cleartext.map(([name, url]) => `- ${name} is ${url}; use an https:// URL`).join("\n") +
        `\n(plain http is allowed only to this machine: 127.0.0.1, [::1] or localhost). Unset them ` +
        `to use Spotify's own addresses.`,
    );
  }
  return {
    mode: "spotify",
    spotify: {
      clientId: e.SPOTIFY_CLIENT_ID,
      clientSecret: e.SPOTIFY_CLIENT_SECRET!,
      accountsUrl,
      apiUrl,
      shareMs: e.SPOTIFY_SHARE_MS,
    },
    auth: { url: authUrl, secret: e.NEXTAUTH_SECRET!, secure },
    store,
    shared,
  };
}

/** https anywhere, or plain http to a loopback address (127.0.0.0/8, [::1], localhost). */
export function isSafeSpotifyUrl(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  if (protocol === "https:") return true;
  return (
    protocol === "http:" &&
    (hostname === "localhost" || hostname === "[::1]" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname))
  );
}

let processSecret: string | undefined;

/**
 * Demo mode when NEXTAUTH_SECRET is unset: a random secret made once per process, never derived from
 * anything guessable (a host name and a folder are no secret, and the cookie it seals could then be
 * forged). The launcher (scripts/run.ts) passes a random secret kept in the data folder instead, so
 * sessions survive its restarts; Next.js started directly (`next start`, `next dev`) has only this one,
 * so its sessions, and the tokens it sealed in the database, do not survive a restart: sign in again.
 */
function developmentSecret(): string {
  processSecret ??= randomBytes(32).toString("base64url");
  return processSecret;
}
