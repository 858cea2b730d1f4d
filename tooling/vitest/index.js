// Shared vitest preset. Tests sit beside the code (src/**/*.test.ts).
// hookTimeout is generous because PGlite boots are CPU-bound on 2-core machines
// (toolchain.md gotcha 3); speed is measured by `pnpm bench`, never by timed tests.
/** @type {import('vitest/config').UserConfig['test']} */
export const baseTestConfig = {
  include: ["src/**/*.test.ts", "test/**/*.test.ts"],
  hookTimeout: 60_000,
  testTimeout: 30_000,
  reporters: process.env.CI ? ["default"] : ["default"],
};

/** Merge a package's own test options over the preset. */
export function defineTestConfig(overrides = {}) {
  return { test: { ...baseTestConfig, ...overrides } };
}
