import { defineConfig } from "vitest/config";
import { defineTestConfig, testEngine } from "@complaints/vitest-config";

// One suite, two engines: `test-engines` runs it on PGlite, then on PostgreSQL (TEST_POSTGRES=1
// for one file by hand). test/global-setup.ts prepares the engine once per run.
export default defineConfig(
  defineTestConfig({
    setupFiles: ["test/audit-key.ts"],
    globalSetup: ["test/global-setup.ts"],
    name: testEngine() === "postgres" ? "PostgreSQL" : "PGlite",
  }),
);
