// Tests run without the Remix plugin (docs/toolchain.md §2). Two projects:
// - unit: helpers, loaders and actions beside the code (app/**, server/**);
// - e2e: Chromium driving the real built server on PGlite (e2e/**), booted once for all
//   browser tests by e2e/global-setup.ts.
import { defineConfig } from "vitest/config";
import { baseTestConfig } from "@complaints/vitest-config";

export default defineConfig({
  test: {
    ...baseTestConfig,
    projects: [
      { test: { ...baseTestConfig, name: "unit", include: ["app/**/*.test.{ts,tsx}", "server/**/*.test.ts"] } },
      {
        test: {
          ...baseTestConfig,
          name: "browser",
          include: ["e2e/**/*.test.ts"],
          globalSetup: ["e2e/global-setup.ts"],
          // Journeys drive Chromium page by page against a server that seeds a demo council.
          testTimeout: 300_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
