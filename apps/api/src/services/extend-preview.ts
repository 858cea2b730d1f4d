/**
 * What an extension would do, before it is made (issue 16: "extend previews the new date, the
 * maximum left and what will be sent"): core's own `extend` run on a copy of the case, so the
 * dates are core's due-date rules and a refusal is the one the step itself would give.
 * Nothing is written.
 */
import { transition, type CaseState } from "@complaints/core";
import type { Context } from "../context.js";
import { noAccess, refused } from "../errors.js";
import { commandDecision, type StaffPrincipal } from "../access/principal.js";
import { commandGrants, factsOfCase, loadReadableCase } from "./cases.js";

export interface ExtendInput {
  caseId: string;
  workingDays: number;
  reason: string;
  ombudsmanDetailsGiven: boolean;
  customerToldOn?: string | undefined;
  on?: string | undefined;
}

export async function previewExtension(ctx: Context, staff: StaffPrincipal, input: ExtendInput) {
  const { caseId, ...payload } = input;
  const { record } = await loadReadableCase(ctx, staff, caseId);
  const decision = commandDecision(staff, "extend", factsOfCase(record), await commandGrants(ctx, record, "extend"));
  if (!decision.ok) throw noAccess(decision.reason);
  const runtime = await ctx.deps.councils.get(record.councilId);
  const before: CaseState = record.state;
  const rules = runtime.book.rulesFor(before.serviceId, before.kind);
  const result = transition(
    before,
    {
      type: "extend",
      by: { id: staff.id, roles: decision.roles, name: staff.name },
      ...payload,
    } as Parameters<typeof transition>[1],
    rules,
    ctx.clock,
  );
  if (!result.ok) throw refused(result.refusal);
  const stage = result.state.stages.at(-1)!;
  const key = `${stage.stageId}#${stage.sequence}.respond`;
  const dueBefore = before.dueDates.find((d) => d.id === key)?.date ?? null;
  const dueAfter =
    result.state.dueDates.find((d) => d.id === key)?.date ?? stage.extensions.at(-1)!.newDueDate;
  const max =
    rules.regime.stages.find((s) => s.id === stage.stageId)?.extension?.maxWorkingDays ?? 0;
  const used = stage.extensions.reduce((sum, e) => sum + e.workingDays, 0);
  return {
    stage: stage.label,
    dueBefore,
    dueAfter,
    maxWorkingDays: max,
    usedAfter: used,
    leftAfter: Math.max(0, max - used),
    letters: result.effects.filter((e) => e.type === "send-letter").length,
  };
}
