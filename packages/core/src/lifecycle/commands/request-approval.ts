import { z } from "zod";
import { formatShort } from "../../calendar/dates.js";
import { chosenKey } from "../../input/fields.js";
import { refuse } from "../refusals.js";
import type { ApprovalRequest } from "../types.js";
import { caseworkers, defineCommand, onField } from "./define.js";
import { checkResponse, proposedResponse } from "./respond.js";
import { DELEGATION_RULE, delegatedLimitOf, findEnquiry, OMBUDSMAN_REPLY_RULE, pendingApproval, pounds, workingStage } from "./shared.js";

/**
 * Asks those with the authority to approve a step before it is taken (decision 0324): a
 * response whose payments are above the officer's delegated limit (kept as proposed, sent once
 * approved without being typed again), or the council's reply to an Ombudsman enquiry. The API
 * tells the people who may decide (their queue lists it too).
 */
export const requestApproval = defineCommand({
  type: "request-approval",
  label: "Ask for approval",
  done: "Approval asked for",
  payload: z.object({
    approvalId: z.string().min(1).max(60),
    /** The response as proposed, for its remedies to be approved. */
    response: proposedResponse.optional(),
    /** Or the enquiry whose reply the Head of Service approves. */
    enquiryId: chosenKey("the enquiry").optional(),
    note: z.string().trim().max(2000, "Keep the note under 2000 characters").nullish(),
    ...onField,
  }),
  roles: [...caseworkers, "head-of-service", "director", "legal"],
  can: (state) => {
    const stage = workingStage(state);
    return (!!stage && !pendingApproval(state, { stageSequence: stage.sequence })) || state.ombudsman.some((e) => !e.respondedOn && !pendingApproval(state, { enquiryId: e.id }));
  },
  apply(state, command, ctx) {
    const { rules, on } = ctx;
    if (!command.response === !command.enquiryId) refuse("INVALID_INPUT", "Ask for approval of either a response or the reply to an Ombudsman enquiry");
    if ((state.approvals ?? []).some((a) => a.id === command.approvalId)) refuse("INVALID_INPUT", "That request for approval has already been made");
    const base = { id: command.approvalId, requestedBy: command.by.id, requestedOn: on, note: command.note?.trim() || null, decision: null, usedOn: null };
    let approval: ApprovalRequest;
    if (command.response) {
      const response = command.response;
      const { stage } = checkResponse(state, response, ctx);
      const waiting = pendingApproval(state, { stageSequence: stage.sequence });
      if (waiting) refuse("NOT_ALLOWED_NOW", `Approval of the response to ${stage.label} was already asked for on ${formatShort(waiting.requestedOn)}`, DELEGATION_RULE);
      const amountPence = Math.max(0, ...(response.remedies ?? []).filter((r) => r.type === "financial").map((r) => r.amountPence ?? 0));
      if (amountPence === 0) refuse("INVALID_INPUT", "Only a payment needs approval: the response has no financial remedy");
      if (!rules.delegatedLimits.length) refuse("NOT_ALLOWED_NOW", "The council's profile sets no delegated limits, so the response needs no approval", DELEGATION_RULE);
      const own = delegatedLimitOf(rules, command.by.roles);
      if (amountPence <= own) refuse("NOT_ALLOWED_NOW", `${pounds(amountPence)} is within your delegated limit of ${pounds(own)}: record the response yourself`, DELEGATION_RULE);
      const highest = Math.max(...rules.delegatedLimits.map((l) => l.maxPence));
      if (amountPence > highest) refuse("REMEDY_OVER_LIMIT", `${pounds(amountPence)} is above every delegated limit (the highest is ${pounds(highest)}): no one may approve it`, DELEGATION_RULE);
      approval = {
        ...base,
        kind: "remedies",
        stageSequence: stage.sequence,
        enquiryId: null,
        amountPence,
        proposal: {
          outcome: response.outcome,
          reasons: response.reasons,
          remedies: (response.remedies ?? []).map(({ physicalInjury: _injury, approverId: _approver, ...r }) => r),
          outstandingActions: response.outstandingActions ?? [],
          learning: {
            rootCause: response.learning?.rootCause ?? null,
            lessons: response.learning?.lessons ?? null,
            improvementActions: response.learning?.improvementActions ?? [],
          },
          signedBy: response.signedBy ?? null,
        },
      };
    } else {
      const enquiry = findEnquiry(state, command.enquiryId!);
      if (enquiry.respondedOn) refuse("NOT_ALLOWED_NOW", `The reply to the Ombudsman went on ${formatShort(enquiry.respondedOn)}`);
      const waiting = pendingApproval(state, { enquiryId: enquiry.id });
      if (waiting) refuse("NOT_ALLOWED_NOW", `Approval of the reply to enquiry ${enquiry.reference} was already asked for on ${formatShort(waiting.requestedOn)}`, OMBUDSMAN_REPLY_RULE);
      approval = { ...base, kind: "ombudsman-response", stageSequence: null, enquiryId: enquiry.id, amountPence: 0, proposal: null };
    }
    (state.approvals ??= []).push(approval);
  },
});
