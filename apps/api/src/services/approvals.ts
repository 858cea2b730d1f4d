/**
 * Approvals (docs/decisions/0324-approvals.md): who is told when approval is asked for or
 * decided, and the list of requests waiting for the signed-in person. The requests and the rules
 * of who may decide them are core's (request-approval, decide-approval); this reads them.
 */
import { approverRolesFor, mayDecideApproval, type ApprovalRequest, type CaseCommand, type CaseState, type ResolvedRules } from "@complaints/core";
import { FINANCIAL_KIND_LABELS } from "@complaints/core/vocabulary";
import { caseRepository } from "@complaints/db";
import type { Context } from "../context.js";
import type { CouncilRuntime } from "../councils.js";
import { commandDecision, type StaffPrincipal } from "../access/principal.js";
import type { StaffAlert } from "./cases.js";

const pounds = (pence: number) => `£${(pence / 100).toFixed(2)}`;

/** The parties the staff alert path can reach, the lowest delegated authority first. */
const PARTIES_BY_SENIORITY = ["complaints-manager", "head-of-service", "director"] as const;

/** What is asked for, in words: "£250.00 compensation (Time and trouble) in the response to Stage 1". */
export function approvalSummary(state: CaseState, approval: ApprovalRequest): string {
  if (approval.kind === "ombudsman-response") {
    const enquiry = state.ombudsman.find((e) => e.id === approval.enquiryId);
    return `the council's reply to the Ombudsman's enquiry ${enquiry?.reference ?? ""}`.trim();
  }
  const stage = state.stages.find((s) => s.sequence === approval.stageSequence);
  const payments = (approval.proposal?.remedies ?? [])
    .filter((r) => r.type === "financial")
    .map((r) => `${pounds(r.amountPence ?? 0)}${r.financialKind ? ` ${FINANCIAL_KIND_LABELS[r.financialKind].toLowerCase()}` : ""} (${r.description})`);
  return `${payments.join(" and ")} in the response to ${stage?.label ?? "the complaint"}`;
}

/**
 * The staff alert for an approval step (queueStaffAlert): a request goes to the people who may
 * decide it (the least senior role whose authority covers it, as the scheme of delegation
 * intends), a decision to the person who asked. Other commands alert no one here.
 */
export function approvalAlert(rules: ResolvedRules, state: CaseState, command: CaseCommand, by: StaffPrincipal): StaffAlert | null {
  if (command.type === "request-approval") {
    const approval = state.approvals?.find((a) => a.id === command.approvalId);
    if (!approval) return null;
    const roles = approverRolesFor(rules, approval);
    const party = PARTIES_BY_SENIORITY.filter((p) => roles.includes(p)).sort((a, b) => limitOf(rules, a) - limitOf(rules, b))[0] ?? "complaints-manager";
    return {
      party,
      subject: `${state.reference}: your approval is asked for`,
      text: `${by.name} asks you to approve ${approvalSummary(state, approval)}.${approval.note ? `\n\n${approval.note}` : ""}\n\nSee "Approvals waiting for you" to approve or refuse it.`,
    };
  }
  if (command.type === "decide-approval") {
    const approval = state.approvals?.find((a) => a.id === command.approvalId);
    if (!approval?.decision) return null;
    const approved = approval.decision.approved;
    return {
      party: "requester",
      staffIds: [approval.requestedBy],
      subject: `${state.reference}: ${approved ? "approved" : "not approved"}`,
      text: approved
        ? `${by.name} approved ${approvalSummary(state, approval)}. You can now send it.`
        : `${by.name} did not approve ${approvalSummary(state, approval)}: ${approval.decision.reason ?? ""}\n\nChange what you proposed and record it, or ask again.`,
    };
  }
  return null;
}

function limitOf(rules: ResolvedRules, role: string): number {
  return rules.delegatedLimits.find((l) => l.role === role)?.maxPence ?? Number.MAX_SAFE_INTEGER;
}

export interface WaitingApproval {
  caseId: string;
  reference: string;
  approvalId: string;
  kind: ApprovalRequest["kind"];
  summary: string;
  amountPence: number;
  requestedBy: { id: string; name: string | null };
  requestedOn: string;
  note: string | null;
}

/**
 * "Approvals waiting for you": the requests the signed-in person may decide, on cases they may
 * read and act on, oldest first. Requests they may not decide (their own, above their limit)
 * are left out, as core would refuse them.
 */
export async function approvalsWaiting(ctx: Context, staff: StaffPrincipal): Promise<{ items: WaitingApproval[] }> {
  const runtime: CouncilRuntime = await ctx.deps.councils.get(staff.councilId);
  const records = await caseRepository.listAwaitingApproval<CaseState>(ctx.db, staff.councilId);
  const found: Array<Omit<WaitingApproval, "requestedBy"> & { requestedById: string }> = [];
  for (const record of records) {
    const state = record.state;
    const facts = { councilId: record.councilId, directorateId: record.row.directorate_id, restricted: record.row.restricted, aboutStaffIds: state.aboutStaffIds ?? [], handlerId: record.row.assigned_staff_id };
    const decision = commandDecision(staff, "decide-approval", facts);
    if (!decision.ok) continue;
    const rules = runtime.book.rulesFor(state.serviceId, state.kind);
    for (const approval of state.approvals ?? []) {
      if (approval.decision || !mayDecideApproval(rules, approval, { id: staff.id, roles: decision.roles })) continue;
      found.push({
        caseId: record.id,
        reference: record.reference,
        approvalId: approval.id,
        kind: approval.kind,
        summary: approvalSummary(state, approval),
        amountPence: approval.amountPence,
        requestedById: approval.requestedBy,
        requestedOn: approval.requestedOn,
        note: approval.note,
      });
    }
  }
  const names = await caseRepository.staffNames(ctx.db, staff.councilId, [...new Set(found.map((f) => f.requestedById))]);
  return { items: found.map(({ requestedById, ...f }) => ({ ...f, requestedBy: { id: requestedById, name: names.get(requestedById) ?? null } })) };
}
