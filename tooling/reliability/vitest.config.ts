import { defineConfig } from "vitest/config";
import { defineTestConfig } from "@complaints/vitest-config";

// The suite starts real API processes and a throwaway PostgreSQL cluster (packages/db's
// harness, Debian's binaries): files run one at a time so that they do not fight over two
// cores, and each file has its own database. Every wait and loop inside is bounded.
export default defineConfig(
  defineTestConfig({
    setupFiles: ["src/setup/audit-key.ts"],
    globalSetup: ["src/setup/global-setup.ts"],
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 180_000,
    name: "reliability",
  }),
);
