import { defineConfig } from "vitest/config";
import { defineTestConfig, testEngine } from "@complaints/vitest-config";

// One suite, two engines, with packages/db's harness (reused, not copied): `test-engines` runs
// it on PGlite, then on PostgreSQL (TEST_POSTGRES=1 for one file by hand).
export default defineConfig(
  defineTestConfig({
    setupFiles: ["test/audit-key.ts"],
    globalSetup: ["../../packages/db/test/global-setup.ts"],
    name: testEngine() === "postgres" ? "PostgreSQL" : "PGlite",
    // The authorisation matrix and the fuzzer make hundreds of calls per test: seconds alone,
    // past the preset's 30 s while npm test runs every suite at once on two cores.
    testTimeout: 120_000,
  }),
);
