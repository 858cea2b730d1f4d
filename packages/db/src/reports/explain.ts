import { sql, type RawBuilder } from "kysely";
import type { Executor } from "../executor.js";

/**
 * The plan PostgreSQL chooses for a report query, as text (`EXPLAIN`, or `EXPLAIN ANALYZE` with
 * `analyze`): for the tests that check a query can use its index, and for the benchmark.
 */
export async function explainReportQuery(
  db: Executor,
  query: RawBuilder<unknown>,
  options: { analyze?: boolean } = {},
): Promise<string> {
  const prefix = options.analyze ? sql`EXPLAIN (ANALYZE, BUFFERS)` : sql`EXPLAIN`;
  const { rows } = await sql<{ "QUERY PLAN": string }>`${prefix} ${query}`.execute(db);
  return rows.map((r) => r["QUERY PLAN"]).join("\n");
}
