import { z } from "zod";
import { formatShort, isIsoDate } from "../../calendar/dates.js";
import { isoDate } from "../../input/fields.js";
import { refuse } from "../refusals.js";
import { caseworkers, defineCommand, onField } from "./define.js";
import { currentResponseDue, requireActiveStage, rulesOfStage, stageRules, workingStage } from "./shared.js";

/** Records a response date agreed with the complainant, where the regime lets it be agreed. */
export const agreeResponseDate = defineCommand({
  type: "agree-response-date",
  label: "Agree a response date",
  done: "Response date agreed",
  payload: z.object({ date: isoDate, ...onField }),
  roles: caseworkers,
  can: (state, rules) => {
    const stage = workingStage(state);
    return !!stage && !!rulesOfStage(rules, stage.stageId)?.responsePeriodAgreeable;
  },
  apply(state, command, ctx) {
    const { rules, on } = ctx;
    const stage = requireActiveStage(state, "agree a response date");
    const rule = stageRules(rules, stage.stageId);
    if (!rule.responsePeriodAgreeable) refuse("NOT_ALLOWED_NOW", `${stage.label}'s response period is fixed, not agreed with the complainant`, rule.respond.rule);
    if (!isIsoDate(command.date) || command.date <= on) refuse("DATE_INVALID", "The agreed response date must be a date after today");
    const due = currentResponseDue(state, rules, ctx.today);
    if (due && on > due) refuse("NOT_ALLOWED_NOW", `A longer period must be agreed before the current one runs out (${formatShort(due)})`, rule.respond.rule);
    stage.agreedResponseDate = command.date;
  },
});
