/**
 * Changing a council's profile (issue 14): what would change, in words, and whose due dates
 * would move, before anything is written (`previewProfileChange`); then the change itself
 * (`applyProfileChange`): the profile, the council's name and reference prefix, an event in the
 * administration log, and a recalculation — with an event each — of only the open cases whose
 * rules changed. Used by `admin.profile.preview`/`update`, the portal's configuration pages and
 * the `council update` command (apps/api/src/cli/council.ts).
 */
import {
  DomainError,
  compareProfiles,
  dueDateChanges,
  rulesChangeFor,
  todayIn,
  type CaseKind,
  type CaseState,
  type CouncilProfile,
  type ProfileChange,
  type RuleChange,
} from "@complaints/core";
import { adminLog, applyCaseCommand, caseRepository, ConflictError, inTransaction, organisationRepository } from "@complaints/db";
import type { Context } from "../context.js";
import { closedCaseBlockers, describeAccessChanges } from "./configuration.js";
import { syncCouncilReportCalendars } from "./report-calendars.js";

/**
 * Who changes the profile: a member of staff through the API, or the system (the command
 * line, named with the operating-system user who ran it, e.g. "cli:alice").
 */
export type ProfileChangeActor = { kind: "staff"; id: string; name: string } | { kind: "system"; id: string; name: string };

export interface ServiceRulesPreview {
  serviceId: string;
  serviceName: string;
  /** The case kinds whose rules change in this service. */
  kinds: CaseKind[];
  /** Each rule that changes, once, whichever kinds it changes for. */
  changes: RuleChange[];
}

export interface ProfileChangePreview {
  council: { name: string; referencePrefix: string };
  /** The profile's own values that change, in words. */
  changes: ProfileChange[];
  /** The services whose resolved rules change. */
  services: ServiceRulesPreview[];
  openCases: {
    total: number;
    /** Open cases of a service and kind whose rules change: the ones recalculated. */
    underChangedRules: number;
    /** Of those, the ones at least one due date of which moves. */
    datesMove: number;
  };
  /** The cases whose due dates move, and how (oldest first). */
  moves: Array<{ caseId: string; reference: string; changes: Array<{ id: string; from: string | null; to: string }> }>;
  /** Why the change cannot be applied as it is (an empty list: it can). */
  blockers: string[];
  /** Who will see which cases after a service moves directorate (services/configuration.ts). */
  access: string[];
}

interface Plan {
  profile: CouncilProfile;
  preview: ProfileChangePreview;
  recalculate: string[];
}

async function plan(ctx: Context, councilId: string, input: { profile: unknown }): Promise<Plan> {
  const current = await ctx.deps.councils.get(councilId);
  // A profile or rules that do not check out throw core's domain errors (INVALID_INPUT, every problem named).
  const next = ctx.deps.councils.check(input.profile);
  const comparison = compareProfiles(current.book, next.book);
  const open = await caseRepository.listOpenCases(ctx.db, councilId);
  const today = todayIn(ctx.clock);

  const blockers = comparison.removedServices.flatMap((s) => {
    const n = open.filter((c) => c.serviceCode === s.serviceId).length;
    return n ? [`Service "${s.serviceName}" (${s.serviceId}) has ${n} open case${n === 1 ? "" : "s"}: keep the service until they are closed`] : [];
  });
  blockers.push(...(await closedCaseBlockers(ctx, councilId, comparison.removedServices, new Set(open.map((c) => c.serviceCode)))));

  const affected = open.filter((c) => c.serviceCode !== null && rulesChangeFor(comparison, c.serviceCode, c.kind as CaseKind));
  const moves: ProfileChangePreview["moves"] = [];
  for (const row of affected) {
    const { state } = await caseRepository.getCase<CaseState>(ctx.db, row.id);
    const changes = dueDateChanges(state, next.book.rulesFor(state.serviceId, state.kind), today);
    if (changes.length) moves.push({ caseId: row.id, reference: row.reference, changes });
  }

  const services = new Map<string, ServiceRulesPreview>();
  for (const r of comparison.rules) {
    const entry = services.get(r.serviceId) ?? { serviceId: r.serviceId, serviceName: r.serviceName, kinds: [], changes: [] };
    entry.kinds.push(r.kind);
    for (const change of r.changes) {
      if (!entry.changes.some((c) => c.rule === change.rule && c.before === change.before && c.after === change.after)) entry.changes.push(change);
    }
    services.set(r.serviceId, entry);
  }

  return {
    profile: next.profile,
    recalculate: affected.map((c) => c.id),
    preview: {
      council: { name: next.profile.name, referencePrefix: next.profile.referencePrefix },
      changes: comparison.changes,
      services: [...services.values()],
      openCases: { total: open.length, underChangedRules: affected.length, datesMove: moves.length },
      moves,
      blockers,
      access: await describeAccessChanges(ctx, councilId, current.profile, next.profile),
    },
  };
}

/** What a new profile would change, and whose due dates would move; writes nothing. */
export async function previewProfileChange(ctx: Context, councilId: string, input: { profile: unknown }): Promise<ProfileChangePreview> {
  return (await plan(ctx, councilId, input)).preview;
}

export interface AppliedProfileChange extends ProfileChangePreview {
  /** false: the profile is the one in use already; nothing was written. */
  saved: boolean;
  /** The open cases recalculated (those under changed rules), and how many of them took an event. */
  recalculated: { cases: number; changed: number } | null;
}

/**
 * Saves a new profile: the council's row (name, reference prefix, profile) and its structure
 * in one transaction with an event in the administration log; then recalculates the open cases
 * whose rules changed, each through the recalculate-deadlines command (an event on each case).
 * Refuses, writing nothing, a profile that does not check out or that leaves open cases without
 * their service.
 */
export async function applyProfileChange(
  ctx: Context,
  actor: ProfileChangeActor,
  councilId: string,
  input: { profile: unknown },
  reason: string,
  options: { recalculate?: boolean } = {},
): Promise<AppliedProfileChange> {
  if (!reason.trim()) throw new DomainError("INVALID_INPUT", "Say why the profile changes");
  const { profile, preview, recalculate } = await plan(ctx, councilId, input);
  if (preview.blockers.length) throw new DomainError("INVALID_INPUT", `The profile cannot be changed like this: ${preview.blockers.join("; ")}`);
  if (!preview.changes.length && !preview.services.length && !preview.access.length) return { ...preview, saved: false, recalculated: null };

  await inTransaction(ctx.db, async (trx) => {
    await organisationRepository.saveProfile(trx, councilId, profile, ctx.clock.now());
    await adminLog.record(trx, {
      councilId,
      actor: { type: actor.kind, id: actor.id },
      type: "profile-saved",
      at: ctx.clock.now(),
      payload: {
        reason,
        by: actor.name,
        changes: preview.changes.map((c) => ({ ...c })),
        services: preview.services.map((s) => s.serviceId),
        profile: profile as unknown as Record<string, unknown>,
      },
    });
  });
  ctx.deps.councils.forget(councilId);
  ctx.deps.log.info("council profile saved", { by: actor.id, reason, changes: preview.changes.length });
  // Closure days, nations or plugins may have changed the working days reports count on.
  await syncCouncilReportCalendars(ctx.deps, councilId);
  const recalculated = options.recalculate === false ? null : await recalculateCases(ctx, actor, councilId, recalculate, reason);
  return { ...preview, saved: true, recalculated };
}

/** The given open cases' deadlines recomputed under the council's current rules, each with an event. */
async function recalculateCases(ctx: Context, actor: ProfileChangeActor, councilId: string, caseIds: readonly string[], reason: string): Promise<{ cases: number; changed: number }> {
  const runtime = await ctx.deps.councils.get(councilId);
  let changed = 0;
  for (const caseId of caseIds) {
    // Deliberate: a recalculation runs beside officers working the same cases, so a case that
    // moved on since it was read (VERSION_CONFLICT) is read again and recalculated, up to three
    // times; every other error stops the run.
    for (let attempt = 0; attempt < 3; attempt++) {
      const current = await caseRepository.getCase<CaseState>(ctx.db, caseId);
      if (current.state.status === "closed") break; // closed meanwhile: measured as it was
      try {
        const result = await applyCaseCommand(ctx.db, {
          caseId,
          expectedVersion: current.version,
          command: { type: "recalculate-deadlines", by: { id: actor.id, roles: ["system"], name: actor.name }, reason },
          rules: runtime.book.rulesFor(current.state.serviceId, current.state.kind),
          clock: ctx.clock,
        });
        if (result.ok) changed += 1;
        break;
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
      }
    }
  }
  return { cases: caseIds.length, changed };
}
