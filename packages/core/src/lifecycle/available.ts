import type { ResolvedRules } from "../plugin/resolved.js";
import { currentStage } from "./transition.js";
import type { Actor, CaseState, CommandType } from "./types.js";

/**
 * The commands that make sense for a case right now (the portal offers only these). A
 * command listed here may still be refused for its particulars (an extension too long);
 * one not listed would always be refused in this state.
 */
export function availableCommands(state: CaseState, rules: ResolvedRules, actor?: Actor): CommandType[] {
  const out: CommandType[] = [];
  const stage = currentStage(state);
  const stageRules = stage ? rules.regime.stages.find((s) => s.id === stage.stageId) : undefined;
  const open = stage && (stage.phase === "awaiting-acknowledgement" || stage.phase === "investigating" || stage.phase === "paused");

  if (state.status === "new") out.push("triage", "notify", "record-contact", "withdraw");
  if (state.status === "open") {
    out.push("record-contact", "notify");
    if (state.kind === "compliment" || state.kind === "comment") {
      if (!state.feedbackAcknowledgedOn) out.push("acknowledge-feedback");
      out.push("close");
    } else if (state.kind === "service-request") {
      out.push("convert-to-complaint", "close");
    } else if (stage && open) {
      out.push("assign", "request-information", "holding-response", "add-participant", "withdraw");
      if (!stage.acknowledgedOn && stageRules?.acknowledge) out.push("acknowledge");
      if (stage.phase === "paused") out.push("resume");
      else out.push("pause");
      if (stageRules?.extension && stageRules.extension.maxWorkingDays > stage.extensions.reduce((s, e) => s + e.workingDays, 0)) out.push("extend");
      if (!stage.agreedStatementOn) out.push("agree-statement");
      if (stageRules?.responsePeriodAgreeable) out.push("agree-response-date");
      if (stage.acknowledgedOn || !stageRules?.acknowledge) out.push("respond");
      if (stageRules?.referBackTo) out.push("refer-back");
      if (stageRules?.milestones?.some((m) => !stage.milestones?.[m.id])) out.push("record-milestone");
      if (state.informationRequests.some((r) => !r.answeredOn)) out.push("receive-information");
    } else if (stage?.phase === "responded") {
      if (stageRules?.escalation) out.push("escalate");
      out.push("close");
    }
  }
  if (state.status === "closed") {
    out.push("reopen", "record-contact");
    if (state.closure?.reason === "not-escalated") out.push("escalate");
  }
  if (state.stages.some((s) => s.response?.remedies.some((r) => !r.completedOn))) out.push("complete-remedy");
  if (state.stages.some((s) => s.response)) out.push("agree-improvement-action");
  if (state.status !== "new") out.push("ombudsman-enquiry");
  if (state.status !== "closed") out.push("recalculate-deadlines");
  for (const enquiry of state.ombudsman) {
    if (!enquiry.respondedOn) out.push("ombudsman-response");
    if (!enquiry.decision) out.push("ombudsman-decision");
    if (enquiry.remedies.some((r) => !r.completedOn)) out.push("ombudsman-remedy-complied");
    if (enquiry.decision && !enquiry.satisfactionLetterOn && enquiry.remedies.every((r) => r.completedOn)) out.push("ombudsman-satisfied");
  }
  const unique = [...new Set(out)];
  if (!actor) return unique;
  const stageId = stage?.stageId ?? null;
  return unique.filter((type) =>
    rules.requiredRoles
      .filter((r) => r.command === type && (r.stageId === null || r.stageId === stageId))
      .every((r) => r.roles.some((role) => actor.roles.includes(role))),
  );
}
