/**
 * The two database roles on PostgreSQL (docs/decisions/0203-keyed-audit-log-and-two-roles.md):
 * - the owner (MIGRATION_DATABASE_URL) owns the tables and runs the migrations;
 * - the application (DATABASE_URL) gets only what the API needs. On the event log that is
 *   SELECT and INSERT: no UPDATE, DELETE or TRUNCATE, and, not being the owner, no ALTER TABLE,
 *   so it cannot switch the append-only trigger off. Stream heads: SELECT, INSERT, UPDATE (each
 *   append moves its head; a head cannot be forged without the audit key), never DELETE.
 *
 * PGlite (the embedded demo) has one superuser and no roles: the keyed chain protects it.
 */
import { sql, type Kysely } from "kysely";
import { quoteIdent } from "./client.js";

/** What the application role may do, table by table, beyond the default (SELECT, INSERT, UPDATE, DELETE). */
export const roleRights = Object.freeze({
  events: ["SELECT", "INSERT"],
  event_heads: ["SELECT", "INSERT", "UPDATE"],
  kysely_migration: ["SELECT"],
  kysely_migration_lock: ["SELECT"],
} as Record<string, readonly string[]>);

/**
 * Grants the application role its rights on every table of the owner connection's schema (run
 * as the owner after each migration: `npm start` does it when MIGRATION_DATABASE_URL is set).
 * The role must exist (`CREATE ROLE complaints_app LOGIN PASSWORD '…'`, see docs/security.md).
 * `jobSchemas`: pg-boss's schemas, installed by the owner beforehand (apps/api installJobQueues):
 * the role reads and writes their tables and runs their functions. Idempotent.
 */
export async function grantApplicationRole<T>(owner: Kysely<T>, roleName: string, options: { jobSchemas?: readonly string[] } = {}): Promise<void> {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(roleName)) throw new RangeError(`"${roleName}" is not a role name this command accepts (lower-case letters, digits, _)`);
  const { rows } = await sql<{ schema: string; me: string }>`SELECT current_schema() AS schema, current_user AS me`.execute(owner);
  const { schema, me } = rows[0]!;
  if (me === roleName) throw new RangeError(`The application role must not be the owner (${me}): give DATABASE_URL a role of its own`);
  const exists = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_roles WHERE rolname = ${roleName}`.execute(owner);
  if (!exists.rows[0]?.n) throw new RangeError(`There is no role ${roleName}: create it first (CREATE ROLE ${roleName} LOGIN PASSWORD '…')`);
  const role = quoteIdent(roleName);
  const s = quoteIdent(schema);
  const tables = await sql<{ name: string }>`
    SELECT tablename AS name FROM pg_tables WHERE schemaname = ${schema} ORDER BY tablename`.execute(owner);
  await owner.transaction().execute(async (trx) => {
    // API processes starting together grant at once: one at a time (concurrent GRANTs on one
    // table fail with "tuple concurrently updated").
    await sql`SELECT pg_advisory_xact_lock(hashtext('complaints:grant-application-role'))`.execute(trx);
    await sql.raw(`GRANT USAGE ON SCHEMA ${s} TO ${role}`).execute(trx);
    for (const { name } of tables.rows) {
      const table = `${s}.${quoteIdent(name)}`;
      await sql.raw(`REVOKE ALL ON ${table} FROM ${role}`).execute(trx);
      await sql.raw(`GRANT ${(roleRights[name] ?? ["SELECT", "INSERT", "UPDATE", "DELETE"]).join(", ")} ON ${table} TO ${role}`).execute(trx);
    }
    await sql.raw(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${s} TO ${role}`).execute(trx);
    for (const jobs of options.jobSchemas ?? []) {
      const j = quoteIdent(jobs);
      await sql.raw(`GRANT USAGE ON SCHEMA ${j} TO ${role}`).execute(trx);
      await sql.raw(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${j} TO ${role}`).execute(trx);
      await sql.raw(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${j} TO ${role}`).execute(trx);
      await sql.raw(`GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA ${j} TO ${role}`).execute(trx);
    }
  });
}
