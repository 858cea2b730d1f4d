// Tests run without the Remix plugin (toolchain.md §2): route loaders and actions are plain
// functions, and the browser tests drive the built server.
import { defineConfig } from "vitest/config";
import { defineTestConfig } from "@complaints/vitest-config";

export default defineConfig(
  defineTestConfig({
    include: ["app/**/*.test.{ts,tsx}", "server/**/*.test.ts", "e2e/**/*.test.ts"],
    // The browser journeys boot PGlite and drive Chromium page by page.
    testTimeout: 240_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  }),
);
