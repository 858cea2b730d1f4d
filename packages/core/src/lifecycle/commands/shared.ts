/** What several commands ask of a case: its current stage, that stage's rules, the letters. */
import { formatShort, type IsoDate } from "../../calendar/dates.js";
import { computeDueDates } from "../../deadlines/due-dates.js";
import type { ResolvedRules, RoleRequirement } from "../../plugin/resolved.js";
import type { StageRules } from "../../regime/types.js";
import type { LetterKind } from "../../vocabulary/letters.js";
import { refuse } from "../refusals.js";
import type { ApprovalRequest, CaseState, StageInstance } from "../types.js";
import type { ClosureReason, Role } from "../../vocabulary/index.js";
import type { Ctx } from "./define.js";

export function currentStage(state: CaseState): StageInstance | undefined {
  return state.stages.at(-1);
}

/** The rules of a stage of the case's regime; refuses when the regime has no such stage. */
export function stageRules(rules: ResolvedRules, stageId: string): StageRules {
  const found = rulesOfStage(rules, stageId);
  if (!found) refuse("NOT_ALLOWED_NOW", `The rules for this case have no stage "${stageId}"`);
  return found;
}

export function rulesOfStage(rules: ResolvedRules, stageId: string | undefined): StageRules | undefined {
  return rules.regime.stages.find((s) => s.id === stageId);
}

export const isFeedback = (state: CaseState) => state.kind === "compliment" || state.kind === "comment";

export const isOpenPhase = (s: StageInstance) => s.phase === "awaiting-acknowledgement" || s.phase === "investigating" || s.phase === "paused";

/** The stage being worked on: the case is open and its current stage not yet answered or ended. */
export function workingStage(state: CaseState): StageInstance | undefined {
  const stage = currentStage(state);
  return state.status === "open" && stage && isOpenPhase(stage) ? stage : undefined;
}

export function requireOpen(state: CaseState, what: string): void {
  if (state.status === "closed") refuse("NOT_ALLOWED_NOW", `Case ${state.reference} is closed; reopen it to ${what}`);
}

/** `workingStage`, or a refusal that says why there is none. */
export function requireActiveStage(state: CaseState, what: string): StageInstance {
  requireOpen(state, what);
  if (state.status === "new") refuse("NOT_ALLOWED_NOW", `Triage the case before you ${what}`);
  const stage = currentStage(state);
  if (!stage) refuse("NOT_ALLOWED_NOW", `This ${state.kind.replace(/-/g, " ")} has no complaint stage to ${what}`);
  if (!isOpenPhase(stage)) {
    refuse("NOT_ALLOWED_NOW", `${stage.label} has been ${stage.phase === "responded" ? "responded to" : stage.phase.replace(/-/g, " ")}; you cannot ${what} now`);
  }
  return stage;
}

/** The phase a stage goes back to when its clock runs again or it is reopened. */
export function resumedPhase(stage: StageInstance, rules: ResolvedRules): StageInstance["phase"] {
  return stage.acknowledgedOn || !stageRules(rules, stage.stageId).acknowledge ? "investigating" : "awaiting-acknowledgement";
}

/** The date by which the current stage's response is due, with its pauses and extensions. */
export function currentResponseDue(state: CaseState, rules: ResolvedRules, today: IsoDate): IsoDate | null {
  const stage = currentStage(state);
  if (!stage) return null;
  const due = computeDueDates(state, rules, today).find((d) => d.id === `${stage.stageId}#${stage.sequence}.respond`);
  return due?.date ?? null;
}

export function sendLetter(state: CaseState, ctx: Ctx, letter: LetterKind, stageId: string | null): void {
  const to = state.representative && state.representative.replyTo === "representative" ? "representative" : state.customer ? "customer" : null;
  if (to) ctx.effects.push({ type: "send-letter", letter, stageId, to, dueOn: null });
}

export function openStage(state: CaseState, stage: StageRules, requestedOn: IsoDate, extra: Partial<StageInstance> = {}): StageInstance {
  const instance: StageInstance = {
    sequence: state.stages.length + 1,
    stageId: stage.id,
    label: stage.label,
    phase: stage.acknowledge ? "awaiting-acknowledgement" : "investigating",
    requestedOn,
    requestReason: null,
    lateDiscretion: null,
    handlerId: null,
    previousHandlerIds: [],
    acknowledgedOn: null,
    offerToDiscussMade: false,
    agreedStatementOn: null,
    agreedResponseDate: null,
    pauses: [],
    extensions: [],
    holdingResponses: [],
    response: null,
    participants: [],
    endedOn: null,
    ...extra,
  };
  state.stages.push(instance);
  state.status = "open";
  return instance;
}

export function closeCase(state: CaseState, on: IsoDate, reason: ClosureReason, note: string | null): void {
  state.status = "closed";
  state.closure = { on, reason, note };
}

export function findEnquiry(state: CaseState, id: string) {
  const enquiry = state.ombudsman.find((o) => o.id === id);
  if (!enquiry) refuse("INVALID_INPUT", `There is no Ombudsman enquiry ${id} on this case`);
  return enquiry;
}

/**
 * The first role requirement a plugin set for this command (at this stage) that none of the
 * actor's roles meets: `transition` refuses it, `availableCommands` does not offer it.
 */
export function unmetRoleRequirement(rules: ResolvedRules, type: string, stageId: string | undefined, roles: readonly Role[]): RoleRequirement | undefined {
  // A role a plugin grants the command (allowRoles) meets the requirement: the grant is the plugin's word on who may.
  const granted = grantedRolesFor(rules, type, stageId);
  if (roles.some((role) => granted.includes(role))) return undefined;
  return rules.requiredRoles.find(
    (req) => req.command === type && (req.stageId === null || req.stageId === (stageId ?? null)) && !req.roles.some((role) => roles.includes(role)),
  );
}

/** The roles plugins grant this command (at this stage) beyond its default roles, as the council's profile allows. */
export function grantedRolesFor(rules: Pick<ResolvedRules, "grantedRoles">, type: string, stageId: string | null | undefined): Role[] {
  return [
    ...new Set(
      (rules.grantedRoles ?? [])
        .filter((grant) => grant.command === type && (grant.stageId === null || grant.stageId === (stageId ?? null)))
        .flatMap((grant) => grant.roles),
    ),
  ];
}

/** Where the approval of payments comes from: the scheme of delegation, held in the council's profile. */
export const DELEGATION_RULE = "Leeds policy para 70(4) and the council's scheme of delegation (profile: delegated financial limits)";
/** Who approves the council's reply to an Ombudsman enquiry. */
export const OMBUDSMAN_REPLY_RULE = "Southwark procedure, Ombudsman enquiries: the Head of Service's final review before submission";

/** The highest delegated limit (pence) among the roles held; 0 when none of them has one. */
export function delegatedLimitOf(rules: ResolvedRules, roles: readonly string[]): number {
  return Math.max(0, ...rules.delegatedLimits.filter((l) => roles.includes(l.role)).map((l) => l.maxPence));
}

export const pounds = (pence: number) => `£${(pence / 100).toFixed(2)}`;

/**
 * The roles whose holders may decide a request for approval: for a payment, those whose
 * delegated limit covers it; for the reply to the Ombudsman, the Head of Service. The requester
 * never decides their own request (decide-approval).
 */
export function approverRolesFor(rules: ResolvedRules, approval: Pick<ApprovalRequest, "kind" | "amountPence">): Role[] {
  if (approval.kind === "ombudsman-response") return ["head-of-service"];
  return rules.delegatedLimits.filter((l) => l.maxPence >= approval.amountPence).map((l) => l.role as Role);
}

/** The request waiting for a decision on this stage's response or this enquiry's reply, if any. */
export function pendingApproval(state: CaseState, on: { stageSequence: number } | { enquiryId: string }): ApprovalRequest | undefined {
  return (state.approvals ?? []).find((a) => !a.decision && ("stageSequence" in on ? a.stageSequence === on.stageSequence : a.enquiryId === on.enquiryId));
}

export function findApproval(state: CaseState, id: string): ApprovalRequest {
  const found = (state.approvals ?? []).find((a) => a.id === id);
  if (!found) refuse("INVALID_INPUT", "There is no such request for approval on this case");
  return found;
}

/** An approved request not yet used, for the step it approves; refuses naming what is missing. */
export function requireApproved(state: CaseState, id: string, what: string): ApprovalRequest {
  const approval = findApproval(state, id);
  if (!approval.decision) refuse("NOT_ALLOWED_NOW", `The request for approval made on ${formatShort(approval.requestedOn)} has not been decided yet; ${what} once it is approved`);
  if (!approval.decision.approved) refuse("NOT_ALLOWED_NOW", `The request for approval was refused on ${formatShort(approval.decision.on)}: ${approval.decision.reason ?? "no reason given"}`);
  if (approval.usedOn) refuse("NOT_ALLOWED_NOW", `That approval was used on ${formatShort(approval.usedOn)}; ask for approval again`);
  return approval;
}

/**
 * Refuses unless the actor may decide the request: never the person who asked; for the reply
 * to the Ombudsman, a Head of Service; for a payment, someone whose delegated limit covers it.
 */
export function checkApprover(rules: ResolvedRules, approval: ApprovalRequest, by: { id: string; roles: readonly string[] }): void {
  const rule = approval.kind === "remedies" ? DELEGATION_RULE : OMBUDSMAN_REPLY_RULE;
  if (approval.requestedBy === by.id) refuse("CONFLICT_OF_INTEREST", "You asked for this approval: someone else must decide it", rule);
  if (approval.kind === "ombudsman-response") {
    if (!by.roles.includes("head-of-service")) refuse("FORBIDDEN_ROLE", "Only a Head of Service may approve the reply to the Ombudsman", rule);
    return;
  }
  const limit = delegatedLimitOf(rules, by.roles);
  if (approval.amountPence > limit) {
    const roles = approverRolesFor(rules, approval).map((r) => r.replace(/-/g, " "));
    refuse("REMEDY_OVER_LIMIT", `${pounds(approval.amountPence)} is above your delegated limit of ${pounds(limit)}; ${roles.length ? `a ${roles.join(" or ")} may decide it` : "no one may approve it"}`, rule);
  }
}

/** Whether the actor may decide the request (their approvals list shows only these). */
export function mayDecideApproval(rules: ResolvedRules, approval: ApprovalRequest, by: { id: string; roles: readonly string[] }): boolean {
  try {
    checkApprover(rules, approval, by);
    return true;
  } catch {
    return false;
  }
}
