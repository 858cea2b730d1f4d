import { defineConfig } from "vitest/config";
import { defineTestConfig, testEngine } from "@complaints/vitest-config";

// The db package's two-engine harness (packages/db/test/global-setup.ts, reused): on PGlite,
// then on PostgreSQL (`test-engines` runs both; TEST_POSTGRES=1 for one file by hand).
export default defineConfig(
  defineTestConfig({
    globalSetup: ["../db/test/global-setup.ts"],
    name: testEngine() === "postgres" ? "PostgreSQL" : "PGlite",
  }),
);
