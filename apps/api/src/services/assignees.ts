/**
 * Who may take a case (issue 16: "assign lists everyone who may take the case"): the council's
 * active staff whose roles, for the case's directorate, let them answer it (the roles of core's
 * `respond`) and who could read it once assigned (the access policy), each with their open
 * caseload. People core would refuse for this stage (named in the complaint, or the handler of
 * a stage this one must be independent of) are listed with the reason, so the form can say so.
 */
import { currentStage, handlerRefusal, ROLE_LABELS } from "@complaints/core";
import { authRepository, caseRepository } from "@complaints/db";
import type { Context } from "../context.js";
import { noAccess } from "../errors.js";
import {
  commandDecision,
  readDecision,
  rolesIn,
  type StaffPrincipal,
} from "../access/principal.js";
import { COMMAND_ROLES } from "../access/policy.js";
import { toPrincipal } from "../auth/sessions.js";
import { factsOfCase, loadReadableCase } from "./cases.js";

export interface Assignee {
  id: string;
  name: string;
  /** The roles that let them handle this case, in words ("Investigating officer"). */
  roles: string[];
  /** Open cases whose working stage they handle. */
  openCases: number;
  /** Why core would refuse them for this stage, in words naming them; null when they may take it. */
  mayNot: string | null;
  /** The current handler of the working stage. */
  current: boolean;
}

export async function assignees(
  ctx: Context,
  staff: StaffPrincipal,
  caseId: string,
): Promise<Assignee[]> {
  const { record } = await loadReadableCase(ctx, staff, caseId);
  const facts = factsOfCase(record);
  const decision = commandDecision(staff, "assign", facts);
  if (!decision.ok) throw noAccess(decision.reason);
  const runtime = await ctx.deps.councils.get(record.councilId);
  const rules = runtime.book.rulesFor(record.state.serviceId, record.state.kind);
  const stage = currentStage(record.state);
  const [people, caseloads] = await Promise.all([
    authRepository.listStaff(ctx.db, record.councilId),
    caseRepository.openCaseloads(ctx.db, record.councilId),
  ]);
  const handlers = new Set<string>(COMMAND_ROLES.respond);
  const list: Assignee[] = [];
  for (const person of people) {
    if (!person.active) continue;
    const principal = toPrincipal(person, null);
    const roles = rolesIn(principal, facts.directorateId).filter((r) => handlers.has(r));
    if (roles.length === 0) continue;
    const refusal = stage
      ? handlerRefusal(record.state, rules, stage, person.id, person.displayName)
      : null;
    // Whom the policy would not let read the case even as its handler (another council) is
    // left out; the one it hides because the complaint names them is listed with core's reason.
    if (!refusal && !readDecision(principal, { ...facts, handlerId: person.id }).ok) continue;
    list.push({
      id: person.id,
      name: person.displayName,
      roles: roles.map((r) => ROLE_LABELS[r]),
      openCases: caseloads.get(person.id) ?? 0,
      mayNot: refusal?.message ?? null,
      current: stage?.handlerId === person.id,
    });
  }
  return list.sort(
    (a, b) => Number(a.mayNot !== null) - Number(b.mayNot !== null) || a.name.localeCompare(b.name),
  );
}
