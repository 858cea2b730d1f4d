import { z } from "zod";
import { formatShort } from "../../calendar/dates.js";
import { isoDate, text } from "../../input/fields.js";
import { refuse } from "../refusals.js";
import type { StageInstance } from "../types.js";
import { extensionForCase, stageRulesForCase } from "../../regime/for-case.js";
import { caseworkers, defineCommand, onField } from "./define.js";
import { currentResponseDue, requireActiveStage, rulesOfStage, sendLetter, stageRules, workingStage } from "./shared.js";

const WHOLE_DAYS = "Enter a whole number of working days between 1 and 100";

const used = (stage: StageInstance) => stage.extensions.reduce((sum, e) => sum + e.workingDays, 0);

/** Extends the working stage's response date within the regime's maximum, telling the customer. */
export const extend = defineCommand({
  type: "extend",
  label: "Extend the deadline",
  done: "Deadline extended",
  payload: z.object({
    workingDays: z.number({ error: (issue) => (issue.input === undefined ? "Enter how many working days" : WHOLE_DAYS) }).int(WHOLE_DAYS).min(1, WHOLE_DAYS).max(100, WHOLE_DAYS),
    reason: text("the reason for the extension", 2000),
    customerToldOn: isoDate.optional(),
    ombudsmanDetailsGiven: z.boolean(),
    ...onField,
  }),
  roles: caseworkers,
  can: (state, rules) => {
    const stage = workingStage(state);
    const max = extensionForCase(rulesOfStage(rules, stage?.stageId)?.extension ?? null, state.intake)?.maxWorkingDays ?? 0;
    return !!stage && max > used(stage);
  },
  apply(state, command, ctx) {
    const { rules, on } = ctx;
    const stage = requireActiveStage(state, "extend it");
    // EIR's 40 working days allow no extension where FOI's 20 allow 20 more (decision 0107).
    const rule = stageRulesForCase(stageRules(rules, stage.stageId), state.intake);
    if (!Number.isInteger(command.workingDays) || command.workingDays <= 0) refuse("INVALID_INPUT", "An extension is a whole number of working days, more than 0");
    if (!command.reason.trim()) refuse("INVALID_INPUT", "Give the reason for the extension: the customer must be told it");
    if (!rule.extension || rule.extension.maxWorkingDays === 0) refuse("EXTENSION_TOO_LONG", `${stage.label} cannot be extended under these rules`, rule.extension?.rule ?? rule.respond.rule);
    const before = used(stage);
    if (before + command.workingDays > rule.extension.maxWorkingDays) {
      const left = rule.extension.maxWorkingDays - before;
      refuse(
        "EXTENSION_TOO_LONG",
        `${stage.label} may be extended by at most ${rule.extension.maxWorkingDays} working days in all; ${before ? `${before} already used, so ` : ""}${left > 0 ? `at most ${left} more` : "no more"} can be added, not ${command.workingDays}`,
        rule.extension.rule,
      );
    }
    if (rule.extension.ombudsmanDetailsRequired && !command.ombudsmanDetailsGiven) {
      refuse("OMBUDSMAN_DETAILS_REQUIRED", `Tell the customer how to contact the ${rules.regime.nextBody.name} with the extension`, rule.extension.rule);
    }
    const dueBefore = currentResponseDue(state, rules, ctx.today);
    if (dueBefore && on > dueBefore) {
      refuse("NOT_ALLOWED_NOW", `The response was due on ${formatShort(dueBefore)}; an extension must be agreed and told to the customer before the deadline passes`, rule.extension.rule);
    }
    stage.extensions.push({
      workingDays: command.workingDays,
      reason: command.reason,
      newDueDate: rules.calendar.addWorkingDays(dueBefore ?? on, command.workingDays),
      customerToldOn: command.customerToldOn ?? on,
      ombudsmanDetailsGiven: command.ombudsmanDetailsGiven,
      sent: null,
    });
    sendLetter(state, ctx, "extension-notice", stage.stageId);
  },
});
