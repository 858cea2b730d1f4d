// Shared vitest preset. Tests sit beside the code (src/**/*.test.ts).
// hookTimeout is generous because PGlite boots are CPU-bound on 2-core machines
// (docs/toolchain.md gotcha 3); speed is measured by `pnpm bench`, never by timed tests.
// The suite reporter writes the record npm test's closing summary reads (./suite-report.js).
import { fileURLToPath } from "node:url";

const suiteReporter = fileURLToPath(new URL("./suite-report.js", import.meta.url));

/** @type {import('vitest/config').UserConfig['test']} */
export const baseTestConfig = {
  include: ["src/**/*.test.ts", "test/**/*.test.ts"],
  hookTimeout: 60_000,
  testTimeout: 30_000,
  reporters: ["default", suiteReporter],
};

/** Merge a package's own test options over the preset. */
export function defineTestConfig(overrides = {}) {
  return { test: { ...baseTestConfig, ...overrides } };
}

/**
 * The database engine this vitest run uses: TEST_ENGINE (set by `test-engines`), else
 * PostgreSQL when TEST_POSTGRES or TEST_DATABASE_URL is set (a developer running one file),
 * else PGlite.
 * @returns {"pglite" | "postgres"}
 */
export function testEngine() {
  const chosen = process.env.TEST_ENGINE;
  if (chosen === "pglite" || chosen === "postgres") return chosen;
  return process.env.TEST_POSTGRES || process.env.TEST_DATABASE_URL ? "postgres" : "pglite";
}
