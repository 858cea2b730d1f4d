/**
 * @complaints/bench — synthetic councils for benchmarks and load tests, and the `pnpm bench`
 * orchestrator (src/cli/bench.ts).
 *
 * ```ts
 * const target = await postgresTarget(url);
 * await loadCases(target, { seed: 1, now: new Date(), years: 6, councilSize: 100_000, from: 0, to: 10_000, passwordHash, workers: 2 });
 * ```
 */
export { SyntheticWorld, type GeneratedCase, type WorldOptions, type PlayedEvent } from "./synth/cases.js";
export { syntheticCouncil, SERVICES, type SyntheticCouncil, type StaffMember } from "./synth/council.js";
export { Random, seedOf } from "./synth/random.js";
export { caseRows, copyValue, RowSink, TABLES, TABLE_ORDER, type OrganisationIdMaps, type TableName } from "./synth/rows.js";
export { generateBatch, type BatchRequest, type BatchResult } from "./synth/generate.js";
export { installCouncil, loadCases, pgliteTarget, postgresTarget, type LoadOptions, type LoadReport, type LoadTarget } from "./synth/load.js";
export * from "./synth/lewisham.js";
export { ApiClient, keepAliveAgent, request, TrpcError, unwrap, type Reply } from "./http/client.js";
export { freePort, startNode, type Child } from "./server/processes.js";
export { closedLoop, percentile, type LoadResult } from "./bench/measure.js";
export { repoRoot } from "./bench/cluster.js";
export { intakePayload } from "./bench/intake.js";
