// Everything the emulator remembers (clock, config, catalog, listeners, tokens, counters, faults), resettable.

import { generateCatalog, type Catalog } from "./catalog.ts";
import { Clock } from "./clock.ts";
import { applyConfigUpdate, defaultConfig, type ConfigUpdate, type EmulatorConfig } from "./config.ts";
import { Counters } from "./counters.ts";
import { FaultTable } from "./faults.ts";
import { ListenerRuntime } from "./listener-runtime.ts";
import { crowdProfiles, LISTENER_PROFILES } from "./listeners.ts";
import { RateLimiter } from "./rate-limit.ts";
import { TokenStore } from "./tokens.ts";

export interface RegisteredClient {
  clientId: string;
  clientSecret: string;
  appName: string;
  /** Like an app's settings on Spotify's dashboard: /authorize refuses any other redirect URI. */
  redirectUris: readonly string[];
}

/** The demo app's callback when Earshot runs on its default address (DEFAULT_APP_URL). */
export const DEFAULT_REDIRECT_URIS = ["http://127.0.0.1:3000/api/auth/callback/spotify"] as const;

/** The demo app registered with the emulator, with the redirect URIs it registered. */
export function demoClient(redirectUris: readonly string[] = DEFAULT_REDIRECT_URIS): RegisteredClient {
  return {
    clientId: "earshot-demo",
    clientSecret: "earshot-demo-secret",
    appName: "Earshot",
    redirectUris,
  };
}

export const DEFAULT_SEED = 20261128;

export class EmulatorState {
  baseUrl = "http://127.0.0.1";
  readonly clock: Clock;
  readonly clients: ReadonlyMap<string, RegisteredClient>;
  seed: number;
  config: EmulatorConfig = defaultConfig();
  tokens = new TokenStore();
  readonly counters = new Counters();
  readonly faults = new FaultTable();
  readonly rateLimiter = new RateLimiter();
  catalog!: Catalog;
  listeners = new Map<string, ListenerRuntime>();

  constructor(
    private readonly startupSeed: number,
    now?: () => number,
    client: RegisteredClient = demoClient(),
    /** Extra load-test listeners beside the demo ones (crowdProfiles). */
    private readonly crowd = 0,
  ) {
    this.clients = new Map([[client.clientId, client]]);
    this.clock = new Clock(now);
    this.seed = startupSeed;
    this.build();
  }

  now(): number {
    return this.clock.now();
  }

  /** Applies a config update; returns an error (and changes nothing) when it is inconsistent. */
  updateConfig(update: ConfigUpdate): string | null {
    const now = this.now();
    // Plays that ended before the change are logged under the old config, even if nobody asked yet.
    for (const l of this.listeners.values()) l.sync(now);
    const error = applyConfigUpdate(this.config, update);
    if (error === null && update.lateLogging !== undefined) {
      for (const l of this.listeners.values()) l.relog(now);
    }
    return error;
  }

  /** Back to the startup state (optionally under another seed); the clock's offset and speed too. */
  reset(seed?: number): void {
    this.seed = seed ?? this.startupSeed;
    this.clock.reset();
    this.config = defaultConfig();
    this.tokens = new TokenStore();
    this.counters.reset();
    this.faults.clear();
    this.rateLimiter.reset();
    this.build();
  }

  private build(): void {
    this.catalog = generateCatalog(this.seed);
    const startedAt = this.clock.now();
    this.listeners = new Map(
      [...LISTENER_PROFILES, ...crowdProfiles(this.crowd)].map((p) => [
        p.id,
        new ListenerRuntime(p, this.catalog, this.seed, startedAt, () => this.config.lateLogging),
      ]),
    );
  }
}
