import { config } from "@complaints/eslint-config";

export default [
  ...config(),
  // The benchmark's command-line tools are run by developers, not shipped: their knobs (BENCH_*,
  // DATABASE_URL for the database under test) are environment variables they read themselves.
  { files: ["src/cli/**/*.ts", "src/server/**/*.ts", "src/bench/**/*.ts"], rules: { "no-restricted-properties": "off" } },
];
