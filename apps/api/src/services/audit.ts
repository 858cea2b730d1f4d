/**
 * The audit log for auditors and administrators (issue 20, findings 4 and 11): what
 * administrators did (the council's administration log), whether every chain of the event log
 * verifies, and the scheduled verification that alerts the administrators when one does not.
 */
import { adminLog, authRepository, organisationRepository, sweepRepository, verifyAllChains, type LogVerification } from "@complaints/db";
import type { AppDeps, Context } from "../context.js";
import type { StaffPrincipal } from "../access/principal.js";
import { today } from "../deps.js";

/** The council's administration events, newest first, with the names of who did them. */
export async function adminEvents(ctx: Context, staff: StaffPrincipal, options: { limit: number }) {
  const events = await adminLog.list(ctx.db, staff.councilId, { limit: options.limit });
  const names = new Map((await authRepository.listStaff(ctx.db, staff.councilId)).map((s) => [s.id, s.displayName]));
  return events.map((e) => {
    const payload = e.payload as Record<string, unknown>;
    const { type: _type, profile: _profile, ...details } = payload;
    return {
      seq: e.seq,
      type: e.type,
      at: e.occurredAt.toISOString(),
      actorId: e.actor.id,
      actorName: (e.actor.id && names.get(e.actor.id)) ?? null,
      staffName: typeof payload.staffId === "string" ? (names.get(payload.staffId) ?? null) : null,
      details,
    };
  });
}

function describe(result: LogVerification) {
  return {
    ok: result.ok,
    streams: result.streams,
    events: result.events,
    sealed: result.sealed,
    failures: result.failures.map((f) => ({ stream: f.stream, problem: f.problem, seq: f.seq, message: f.message })),
  };
}

/** Verifies every chain of the caller's council now (cases, conduct processes, administration log). */
export async function verifyCouncilLog(ctx: Context, staff: StaffPrincipal) {
  const result = await verifyAllChains(ctx.db, { councilId: staff.councilId });
  return { ...describe(result), checkedAt: ctx.clock.now().toISOString() };
}

/**
 * The scheduled job: verifies the whole log and, for each council with a broken chain, notifies
 * its administrators (once a day per council and set of failures) and logs an error.
 */
export async function verifyAuditLogJob(deps: AppDeps): Promise<LogVerification> {
  const db = deps.database.db;
  const result = await verifyAllChains(db);
  if (result.ok) return result;
  deps.log.error("audit log verification failed", { failures: result.failures.length, first: result.failures[0] });
  const byCouncil = new Map<string, typeof result.failures>();
  for (const f of result.failures) {
    const council = f.councilId ?? "";
    byCouncil.set(council, [...(byCouncil.get(council) ?? []), f]);
  }
  const day = today(deps.clock);
  const councils = await organisationRepository.listCouncils(db);
  for (const [councilId, failures] of byCouncil) {
    // A failure of no council (the legacy seal) concerns every council's administrators.
    const targets = councilId ? [councilId] : councils.map((c) => c.id);
    for (const target of targets) {
      const admins = await sweepRepository.staffWithRole(db, target, "administrator", null);
      const lines = failures.slice(0, 20).map((f) => `- ${f.stream}: ${f.message}`);
      await deps.notifier.enqueue(
        db,
        admins.map((staffId) => ({
          councilId: target,
          caseId: null,
          kind: "audit-log-broken",
          recipient: { staffId },
          payload: {
            subject: `The audit log does not verify: ${failures.length} broken chain${failures.length === 1 ? "" : "s"}`,
            text: [
              `The scheduled verification of the audit log on ${day} found ${failures.length} broken chain(s).`,
              "Someone may have changed or removed recorded events in the database. Keep a copy of the database as it is now and see docs/security.md.",
              "",
              ...lines,
            ].join("\n"),
          },
          dedupeKey: `audit-log-broken:${day}:${failures.length}:${failures[0]!.stream}:${staffId}`,
        })),
      );
    }
  }
  return result;
}
