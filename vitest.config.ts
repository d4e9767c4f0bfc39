import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Unit tests live beside the code they test (`*.test.ts`); browser tests are Playwright's (e2e/).
export default defineConfig({
  resolve: {
    alias: {
      "@": fileURLToPath(new URL("./", import.meta.url)),
      // `server-only` throws outside a React Server environment; in unit tests the modules run on
      // Node directly, which is exactly the server side it guards.
      "server-only": fileURLToPath(new URL("./lib/testing/server-only-noop.ts", import.meta.url)),
    },
  },
  test: {
    include: ["*.test.ts", "{lib,emulator,app,components,scripts}/**/*.test.ts"],
    environment: "node",
    testTimeout: 20_000,
  },
});
