import { defineConfig } from "vitest/config";
import { defineTestConfig, testEngine } from "@complaints/vitest-config";

// One suite, two engines, with packages/db's harness (reused, not copied): `test-engines` runs
// it on PGlite, then on PostgreSQL (TEST_POSTGRES=1 for one file by hand).
export default defineConfig(
  defineTestConfig({
    setupFiles: ["test/audit-key.ts"],
    globalSetup: ["../../packages/db/test/global-setup.ts"],
    name: testEngine() === "postgres" ? "PostgreSQL" : "PGlite",
  }),
);
