import { config } from "@complaints/eslint-config";

export default [
  ...config(),
  // The command-line entry is run by developers: its port and key come from its own environment.
  { files: ["src/cli.ts"], rules: { "no-restricted-properties": "off" } },
];
