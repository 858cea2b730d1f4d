import { defineConfig } from "vitest/config";
import { baseTestConfig } from "@complaints/vitest-config";

// The suite starts real API processes and a throwaway PostgreSQL cluster (packages/db's
// harness, Debian's binaries): files run one at a time so that they do not fight over two
// cores, and each file has its own database. Every wait and loop inside is bounded.
//
// The jobs file is its own project, run beside the others: it spends three of its three and
// a half minutes waiting for pg-boss's once-a-minute schedule to fire in both processes
// (src/jobs.test.ts), so running it alone cost CI that much wall time for little CPU.
const shared = {
  ...baseTestConfig,
  setupFiles: ["src/setup/audit-key.ts"],
  globalSetup: ["src/setup/global-setup.ts"],
  fileParallelism: false,
  testTimeout: 300_000,
  hookTimeout: 180_000,
};
const waitsForTheSchedule = ["src/jobs.test.ts"];

export default defineConfig({
  test: {
    reporters: baseTestConfig.reporters,
    projects: [
      { test: { ...shared, name: "reliability", exclude: [...waitsForTheSchedule, "**/node_modules/**"] } },
      { test: { ...shared, name: "reliability, scheduled jobs", include: waitsForTheSchedule } },
    ],
  },
});
