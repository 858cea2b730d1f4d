/**
 * What integrations (a council's web forms, its CRM) may do with an API key scoped to
 * directorates: create cases (idempotently) and read their status by reference.
 */
import { caseRepository } from "@complaints/db";
import { nextDue, type CaseState } from "@complaints/core";
import type { Context } from "../context.js";
import type { ApiKeyPrincipal } from "../access/principal.js";
import { notFound } from "../errors.js";
import { logNewCase, type LogInput } from "./cases.js";

export async function createCaseForIntegration(ctx: Context, key: ApiKeyPrincipal, input: Omit<LogInput, "aboutStaffIds">) {
  const logged = await logNewCase(ctx, key, input);
  return { ...logged, status: "new" as const };
}

/** A case's progress as the customer may be told it: no names, no internal notes; never a restricted case. */
export async function caseStatus(ctx: Context, key: ApiKeyPrincipal, reference: string) {
  const record = await caseRepository.findCaseByReference<CaseState>(ctx.db, key.councilId, reference);
  // Restricted cases (about named staff, discrimination, harassment, safeguarding) are read only
  // by the people policy.ts names, never by an integration (issue 20): "not found", as for
  // another directorate's case, so a key cannot tell them from references that do not exist.
  if (!record || record.row.restricted || !record.row.directorate_id || !key.directorateIds.includes(record.row.directorate_id)) {
    throw notFound(`There is no case ${reference.toUpperCase()} this key may read`);
  }
  await caseRepository.recordCaseRead(ctx.db, { caseId: record.id, councilId: record.councilId, actor: { type: "api-key", id: key.id }, at: ctx.clock.now(), purpose: "status via API" });
  const state = record.state;
  const stage = state.stages.at(-1) ?? null;
  const next = nextDue(state.dueDates);
  return {
    reference: record.reference,
    kind: state.kind,
    status: state.status,
    receivedAt: state.receivedAt,
    stage: stage ? { id: stage.stageId, label: stage.label, phase: stage.phase, acknowledgedOn: stage.acknowledgedOn, respondedOn: stage.response?.on ?? null, outcome: stage.response?.outcome ?? null } : null,
    nextDue: next ? { kind: next.kind, date: next.date } : null,
    closedOn: state.closure?.on ?? null,
    closureReason: state.closure?.reason ?? null,
  };
}

export async function servicesFor(ctx: Context, key: ApiKeyPrincipal) {
  const runtime = await ctx.deps.councils.get(key.councilId);
  const out: Array<{ id: string; name: string; directorate: string }> = [];
  for (const d of runtime.profile.directorates) {
    const directorateId = runtime.directorateIdByCode.get(d.id);
    if (!directorateId || !key.directorateIds.includes(directorateId)) continue;
    for (const s of d.services) out.push({ id: s.id, name: s.name, directorate: d.name });
  }
  return out;
}
