/**
 * Liveness (the process answers) and readiness (the database answers, the schema is
 * migrated and every council's rules build).
 */
import { organisationRepository, pendingMigrations, ping } from "@complaints/db";
import type { AppDeps } from "../context.js";

export interface Readiness {
  ready: boolean;
  checks: Array<{ name: string; ok: boolean; detail: string }>;
}

export async function readiness(deps: AppDeps): Promise<Readiness> {
  const checks: Readiness["checks"] = [];
  const db = deps.database.db;
  try {
    await ping(db);
    checks.push({ name: "database", ok: true, detail: deps.database.dialect });
  } catch (error) {
    deps.log.error("readiness: database", { error });
    checks.push({ name: "database", ok: false, detail: "The database does not answer" });
    return { ready: false, checks };
  }
  try {
    const { expected, pending } = await pendingMigrations(db);
    checks.push({ name: "migrations", ok: pending.length === 0, detail: pending.length ? `${pending.length} not applied` : `${expected} applied` });
  } catch {
    checks.push({ name: "migrations", ok: false, detail: "The schema has not been migrated" });
  }
  try {
    const councils = await organisationRepository.listCouncils(db);
    for (const council of councils) await deps.councils.get(council.id);
    checks.push({ name: "rules", ok: true, detail: `${councils.length} council${councils.length === 1 ? "" : "s"}` });
  } catch (error) {
    deps.log.error("readiness: rules", { error });
    checks.push({ name: "rules", ok: false, detail: "A council's rules do not build" });
  }
  return { ready: checks.every((c) => c.ok), checks };
}
