import tseslint from "typescript-eslint";

/**
 * Import boundaries from docs/design.md §2: dependencies point one way
 * (apps -> packages/plugins -> core). Core is pure: no I/O, no db, no http, no React.
 */
const nodeIo = ["fs", "node:fs", "fs/promises", "node:fs/promises", "http", "node:http", "https", "node:https", "net", "node:net", "child_process", "node:child_process"];

export const boundaries = {
  core: {
    "no-restricted-imports": [
      "error",
      {
        paths: nodeIo.map((name) => ({ name, message: "core is pure: no I/O (docs/design.md §2)" })),
        patterns: [
          { group: ["@complaints/*"], message: "core imports nothing from the workspace" },
          { group: ["kysely", "pg", "express", "react", "pdfkit", "@trpc/*"], message: "core depends on zod only" },
        ],
      },
    ],
  },
  plugin: {
    "no-restricted-imports": [
      "error",
      {
        paths: nodeIo.map((name) => ({ name, message: "plugins only register rules: no I/O" })),
        patterns: [
          {
            group: ["@complaints/*", "!@complaints/core", "!@complaints/core/*"],
            message: "a plugin imports only @complaints/core (docs/design.md §5)",
          },
          { group: ["kysely", "pg", "express", "react", "pdfkit", "@trpc/*"], message: "plugins only register rules" },
        ],
      },
    ],
  },
};

/**
 * @param {{ boundary?: keyof typeof boundaries }} [options]
 */
export function config(options = {}) {
  return tseslint.config(
    { ignores: ["dist/**", "build/**", ".cache/**", "coverage/**", "node_modules/**"] },
    ...tseslint.configs.recommended,
    {
      rules: {
        "@typescript-eslint/consistent-type-imports": "error",
        "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      },
    },
    // Settings are read once, through the zod schema of apps/api/src/config.ts, and passed down as
    // values (docs/decisions/0313-one-settings-schema.md). As create-t3-turbo does: shipped code
    // may not read process.env; the config module, tests and tools say why where they do.
    {
      files: ["src/**/*.ts", "src/**/*.tsx", "app/**/*.ts", "app/**/*.tsx", "server/**/*.ts"],
      rules: {
        "no-restricted-properties": [
          "error",
          { object: "process", property: "env", message: "Read settings through apps/api/src/config.ts (configFromEnv) and pass them down (docs/decisions/0313-one-settings-schema.md)" },
        ],
      },
    },
    {
      files: ["**/*.test.ts", "**/*.bench.ts", "bench/**", "test/**", "e2e/**"],
      rules: { "no-restricted-properties": "off" },
    },
    // Boundaries bind shipped code only; tests, benches and config files may use test kits.
    { files: ["src/**/*.ts", "src/**/*.tsx"], rules: options.boundary ? boundaries[options.boundary] : {} },
    {
      files: ["**/*.test.ts", "**/*.bench.ts", "bench/**", "test/**"],
      rules: { "no-restricted-imports": "off" },
    },
  );
}
