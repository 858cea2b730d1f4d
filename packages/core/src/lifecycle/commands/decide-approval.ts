import { z } from "zod";
import { formatShort } from "../../calendar/dates.js";
import { chosenKey } from "../../input/fields.js";
import { refuse } from "../refusals.js";
import { caseworkers, defineCommand, onField } from "./define.js";
import { checkApprover, DELEGATION_RULE, findApproval, OMBUDSMAN_REPLY_RULE } from "./shared.js";

/**
 * Approves or refuses a request for approval (request-approval). Who may decide is a core rule:
 * for a payment, someone whose delegated limit covers it (the council's scheme of delegation,
 * Leeds policy para 70(4)); for the reply to the Ombudsman, a Head of Service (Southwark
 * procedure); never the person who asked. A refusal gives its reason, which the officer sees.
 */
export const decideApproval = defineCommand({
  type: "decide-approval",
  label: "Approve or refuse",
  done: "Approval decided",
  payload: z.object({
    approvalId: chosenKey("the request for approval"),
    decision: z.enum(["approve", "refuse"], "Choose whether to approve or refuse it"),
    reason: z.string().trim().max(2000, "Keep the reason under 2000 characters").nullish(),
    ...onField,
  }),
  roles: [...caseworkers, "head-of-service", "director"],
  can: (state) => (state.approvals ?? []).some((a) => !a.decision),
  apply(state, command, { rules, on }) {
    const approval = findApproval(state, command.approvalId);
    if (approval.decision) refuse("NOT_ALLOWED_NOW", `That request was already ${approval.decision.approved ? "approved" : "refused"} on ${formatShort(approval.decision.on)}`);
    const rule = approval.kind === "remedies" ? DELEGATION_RULE : OMBUDSMAN_REPLY_RULE;
    checkApprover(rules, approval, command.by);
    const reason = command.reason?.trim() || null;
    if (command.decision === "refuse" && !reason) refuse("INVALID_INPUT", "Give the reason for refusing, so the officer can change what they proposed", rule);
    approval.decision = { approved: command.decision === "approve", by: command.by.id, on, reason };
  },
});
