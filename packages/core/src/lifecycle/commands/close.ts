import { z } from "zod";
import { refuse } from "../refusals.js";
import { coordinators, defineCommand, onField } from "./define.js";
import { closeCase, currentStage, isFeedback, stageRules } from "./shared.js";

/**
 * Closes a case whose work is done: acknowledged feedback, a completed service request, or an
 * answered complaint (not escalated, or answered at the final stage).
 */
export const close = defineCommand({
  type: "close",
  label: "Close",
  done: "Closed",
  payload: z.object({ note: z.string().trim().max(2000).nullish(), ...onField }),
  roles: coordinators,
  can: (state, _rules, stage) => state.status === "open" && (isFeedback(state) || state.kind === "service-request" || stage?.phase === "responded"),
  apply(state, command, { rules, on }) {
    if (state.status === "closed") refuse("NOT_ALLOWED_NOW", `Case ${state.reference} is already closed`);
    if (state.status === "new") refuse("NOT_ALLOWED_NOW", "Triage the case first: a case is closed by a triage outcome, a response or a withdrawal");
    if (isFeedback(state)) {
      if (!state.feedbackAcknowledgedOn && state.customer) refuse("NOT_ALLOWED_NOW", "Acknowledge the compliment or comment before closing it", rules.regime.feedbackAcknowledge?.rule ?? null);
      return closeCase(state, on, "feedback-acknowledged", command.note ?? null);
    }
    if (state.kind === "service-request") return closeCase(state, on, "service-request-completed", command.note ?? null);
    const stage = currentStage(state);
    if (!stage || stage.phase !== "responded") {
      refuse("NOT_ALLOWED_NOW", `${stage?.label ?? "The complaint"} has not been responded to; respond, or record that the customer withdrew it`);
    }
    closeCase(state, on, stageRules(rules, stage.stageId).escalation ? "not-escalated" : "final-response", command.note ?? null);
  },
});
