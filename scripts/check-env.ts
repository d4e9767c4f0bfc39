// Part of `npm run build`: the configuration is checked before building, with what to set if wrong.
import nextEnv from "@next/env";
import { ConfigError, parseConfig } from "../lib/config/env";

nextEnv.loadEnvConfig(process.cwd());
try {
  const config = parseConfig(process.env);
  console.log(
    config.mode === "demo"
      ? "Configuration OK: demo mode (built-in Spotify emulator; set SPOTIFY_CLIENT_ID to use Spotify)."
      : `Configuration OK: Spotify mode, app URL ${config.auth.url}.`,
  );
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}
