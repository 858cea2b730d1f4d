import { defineConfig } from "vitest/config";
import { defineTestConfig } from "@complaints/vitest-config";

// One suite, two engines, with packages/db's harness (reused, not copied): `vitest run` uses
// PGlite; with TEST_POSTGRES=1 (or TEST_DATABASE_URL) the same files run on PostgreSQL.
export default defineConfig(
  defineTestConfig({
    setupFiles: ["test/audit-key.ts"],
    globalSetup: ["../../packages/db/test/global-setup.ts"],
    name: process.env.TEST_POSTGRES || process.env.TEST_DATABASE_URL ? "api:postgres" : "api:pglite",
  }),
);
