/**
 * One procedure per lifecycle command (issue 3): `command.triage`, `command.acknowledge`…
 * Each takes `{ caseId, expectedVersion, …payload }` and answers the new version and what the
 * caller may do next. The flow is in services/cases.ts.
 */
import { router, staffProcedure } from "../trpc.js";
import { runCommand, type CommandKey, type CommandPayload } from "../services/cases.js";
import { commandPayloads, commandRef } from "./schemas.js";

function commandProcedure<K extends CommandKey>(type: K) {
  return staffProcedure
    .input(commandRef.and(commandPayloads[type]))
    .mutation(({ ctx, input }) => runCommand(ctx, ctx.staff, type, input as { caseId: string; expectedVersion: number; idempotencyKey?: string } & CommandPayload<K>));
}

export const commandRouter = router({
  triage: commandProcedure("triage"),
  assign: commandProcedure("assign"),
  notify: commandProcedure("notify"),
  acknowledge: commandProcedure("acknowledge"),
  recordContact: commandProcedure("record-contact"),
  requestInformation: commandProcedure("request-information"),
  receiveInformation: commandProcedure("receive-information"),
  pause: commandProcedure("pause"),
  resume: commandProcedure("resume"),
  extend: commandProcedure("extend"),
  agreeStatement: commandProcedure("agree-statement"),
  agreeResponseDate: commandProcedure("agree-response-date"),
  addParticipant: commandProcedure("add-participant"),
  recordMilestone: commandProcedure("record-milestone"),
  holdingResponse: commandProcedure("holding-response"),
  respond: commandProcedure("respond"),
  completeRemedy: commandProcedure("complete-remedy"),
  agreeImprovementAction: commandProcedure("agree-improvement-action"),
  escalate: commandProcedure("escalate"),
  referBack: commandProcedure("refer-back"),
  withdraw: commandProcedure("withdraw"),
  close: commandProcedure("close"),
  reopen: commandProcedure("reopen"),
  acknowledgeFeedback: commandProcedure("acknowledge-feedback"),
  convertToComplaint: commandProcedure("convert-to-complaint"),
  ombudsmanEnquiry: commandProcedure("ombudsman-enquiry"),
  ombudsmanResponse: commandProcedure("ombudsman-response"),
  ombudsmanDecision: commandProcedure("ombudsman-decision"),
  ombudsmanRemedyComplied: commandProcedure("ombudsman-remedy-complied"),
  ombudsmanSatisfied: commandProcedure("ombudsman-satisfied"),
  recalculateDeadlines: commandProcedure("recalculate-deadlines"),
});

/** Procedure name → core command type, for clients and tests. */
export const COMMAND_PROCEDURES: Record<keyof typeof commandRouter._def.procedures, CommandKey> = {
  triage: "triage",
  assign: "assign",
  notify: "notify",
  acknowledge: "acknowledge",
  recordContact: "record-contact",
  requestInformation: "request-information",
  receiveInformation: "receive-information",
  pause: "pause",
  resume: "resume",
  extend: "extend",
  agreeStatement: "agree-statement",
  agreeResponseDate: "agree-response-date",
  addParticipant: "add-participant",
  recordMilestone: "record-milestone",
  holdingResponse: "holding-response",
  respond: "respond",
  completeRemedy: "complete-remedy",
  agreeImprovementAction: "agree-improvement-action",
  escalate: "escalate",
  referBack: "refer-back",
  withdraw: "withdraw",
  close: "close",
  reopen: "reopen",
  acknowledgeFeedback: "acknowledge-feedback",
  convertToComplaint: "convert-to-complaint",
  ombudsmanEnquiry: "ombudsman-enquiry",
  ombudsmanResponse: "ombudsman-response",
  ombudsmanDecision: "ombudsman-decision",
  ombudsmanRemedyComplied: "ombudsman-remedy-complied",
  ombudsmanSatisfied: "ombudsman-satisfied",
  recalculateDeadlines: "recalculate-deadlines",
};
