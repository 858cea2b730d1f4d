import { defineConfig } from "vitest/config";
import { defineTestConfig } from "@complaints/vitest-config";

// One suite, two engines: `vitest run` uses PGlite; with TEST_POSTGRES=1 (or TEST_DATABASE_URL)
// the same files run on PostgreSQL. test/global-setup.ts prepares the engine once per run.
export default defineConfig(
  defineTestConfig({
    setupFiles: ["test/audit-key.ts"],
    globalSetup: ["test/global-setup.ts"],
    name: process.env.TEST_POSTGRES || process.env.TEST_DATABASE_URL ? "db:postgres" : "db:pglite",
  }),
);
