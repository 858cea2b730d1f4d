import { z } from "zod";
import { formatShort } from "../../calendar/dates.js";
import { receiptOf } from "../../calendar/receipt.js";
import { escalationWindow } from "../../deadlines/escalation-window.js";
import { isoDateTime } from "../../input/fields.js";
import { refuse } from "../refusals.js";
import type { CaseState } from "../types.js";
import { coordinators, defineCommand, onField } from "./define.js";
import { currentStage, openStage, rulesOfStage, stageRules } from "./shared.js";

/** A complaint closed because the customer did not escalate may still be escalated (it reopens). */
const reopenable = (state: CaseState) => state.status === "closed" && state.closure?.reason === "not-escalated";

/** Opens the regime's next stage at the customer's request, within the escalation window. */
export const escalate = defineCommand({
  type: "escalate",
  label: "Escalate to the next stage",
  done: "Escalated",
  payload: z.object({
    /** When the customer asked (ISO 8601 with offset); the receipt rules apply to it. */
    requestedAt: isoDateTime("a date and time like 2026-03-02T09:30:00Z").optional(),
    reason: z.string().trim().max(4000).nullish(),
    lateDiscretion: z.string().trim().max(4000).nullish(),
    ...onField,
  }),
  roles: ["customer-services", ...coordinators],
  can: (state, rules, stage) =>
    (state.status === "open" || reopenable(state)) && stage?.phase === "responded" && !!rulesOfStage(rules, stage.stageId)?.escalation,
  apply(state, command, { rules, on }) {
    const stage = currentStage(state);
    const reopening = reopenable(state);
    if (state.status !== "open" && !reopening) refuse("NOT_ALLOWED_NOW", "Only a complaint that has had a stage response can be escalated");
    if (!stage || stage.phase !== "responded" || !stage.response) {
      refuse("NOT_ALLOWED_NOW", stage ? `${stage.label} has not been responded to yet; escalation comes after the response` : "There is no stage to escalate from");
    }
    const rule = stageRules(rules, stage.stageId);
    if (!rule.escalation) {
      refuse("NO_NEXT_STAGE", `${stage.label} is the final stage; the next step is the ${rules.regime.nextBody.name}`, rules.regime.nextBody.rule);
    }
    const requestedAt = command.requestedAt ? new Date(command.requestedAt) : null;
    if (requestedAt && Number.isNaN(requestedAt.getTime())) refuse("DATE_INVALID", "The escalation request time is not a valid date and time");
    const request = requestedAt ? receiptOf(requestedAt, rules.calendar, rules.receipt) : null;
    // The customer's request is recorded after it arrived, never before (issue 16's audit).
    if (request && request.receivedOn > on) refuse("DATE_INVALID", `The escalation request cannot be dated ${formatShort(request.receivedOn)}: that is after today (${formatShort(on)})`);
    const requestedOn = request ? request.countsFrom : rules.calendar.rollForward(on);
    if (requestedOn < stage.response.on) refuse("DATE_INVALID", "The escalation request cannot be before the stage response");
    const window = escalationWindow(state, stage, rule.escalation, stage.response.on, rules.calendar, rules.regime.dayCounting);
    if (rule.escalation.window && window) {
      const closes = window.date;
      const askedOn = request?.receivedOn ?? on;
      if (askedOn > closes) {
        if (!rule.escalation.lateAllowedWithDiscretion || !command.lateDiscretion?.trim()) {
          refuse(
            "ESCALATION_WINDOW_CLOSED",
            `The customer had until ${formatShort(closes)} to ask for ${stageRules(rules, rule.escalation.to).label}; ${rule.escalation.lateAllowedWithDiscretion ? "accept a late request only by recording why (discretion)" : "a late request cannot be accepted"}`,
            window.rule,
          );
        }
      }
    }
    stage.endedOn = stage.endedOn ?? on;
    const nextRules = stageRules(rules, rule.escalation.to);
    if (reopening) {
      state.reopenings.push({ on, reason: "Escalation requested after the case was closed" });
      state.closure = null;
    }
    openStage(state, nextRules, requestedOn, { receivedOn: request?.receivedOn ?? on, requestReason: command.reason ?? null, lateDiscretion: command.lateDiscretion ?? null });
  },
});
