import { config } from "@complaints/eslint-config";

export default [
  ...config(),
  // Migrations take Kysely<any> on purpose: they are frozen in time and must not depend on
  // today's schema types (kysely docs on migrations).
  { files: ["src/migrations/**/*.ts"], rules: { "@typescript-eslint/no-explicit-any": "off" } },
];
