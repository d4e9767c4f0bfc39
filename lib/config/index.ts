// The app's configuration, parsed once per server process (see ./env.ts for the rules).
import "server-only";
import { type AppConfig, parseConfig } from "./env";

let cached: AppConfig | undefined;

export function getConfig(): AppConfig {
  cached ??= parseConfig(process.env);
  return cached;
}

export type { AppConfig } from "./env";
