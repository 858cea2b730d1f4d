import { defineConfig } from "vitest/config";
import { defineTestConfig } from "@complaints/vitest-config";

// The db package's two-engine harness (packages/db/test): `vitest run` on PGlite; with
// TEST_POSTGRES=1 (or TEST_DATABASE_URL) the same files on PostgreSQL (`pnpm test` runs both).
export default defineConfig(
  defineTestConfig({
    globalSetup: ["test/global-setup.ts"],
    name:
      process.env.TEST_POSTGRES || process.env.TEST_DATABASE_URL
        ? "reports:postgres"
        : "reports:pglite",
  }),
);
