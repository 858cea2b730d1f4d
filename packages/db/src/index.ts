/**
 * @complaints/db — the storage layer. The only package that writes SQL.
 *
 * Start-up: `const { db, close } = await createDb(); await migrateToLatest(db);`
 */
export { createDb, quoteIdent, type CreateDbOptions, type Database, type Dialect } from "./client.js";
export { migrateDown, migrateToEmpty, migrateToLatest, migrationProvider, MigrationError, type MigrationOutcome } from "./migrate.js";
export type * from "./schema.js";
export * from "./queries/index.js";
