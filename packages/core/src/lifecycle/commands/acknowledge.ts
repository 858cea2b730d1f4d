import { z } from "zod";
import { formatShort } from "../../calendar/dates.js";
import { refuse } from "../refusals.js";
import { partyLabel } from "../parties.js";
import { FLAG_LABELS } from "../../vocabulary/index.js";
import { caseworkers, defineCommand, onField } from "./define.js";
import { requireActiveStage, rulesOfStage, sendLetter, stageRules, workingStage } from "./shared.js";

/** Acknowledges the working stage's request, once the parties its flags need have been told. */
export const acknowledge = defineCommand({
  type: "acknowledge",
  label: "Acknowledge",
  done: "Acknowledged",
  payload: z.object({ offerToDiscuss: z.boolean().optional(), ...onField }),
  roles: ["customer-services", ...caseworkers],
  can: (state, rules) => {
    const stage = workingStage(state);
    return !!stage && !stage.acknowledgedOn && !!rulesOfStage(rules, stage.stageId)?.acknowledge;
  },
  apply(state, command, ctx) {
    const { rules, on } = ctx;
    const stage = requireActiveStage(state, "acknowledge it");
    if (stage.acknowledgedOn) refuse("NOT_ALLOWED_NOW", `${stage.label} was already acknowledged on ${formatShort(stage.acknowledgedOn)}`);
    for (const need of rules.notifyBeforeAcknowledging) {
      if (!state.flags.includes(need.flag)) continue;
      const missing = need.parties.filter((p) => !state.notified.some((n) => n.party === p));
      if (missing.length) {
        const who = missing.map((p) => partyLabel(rules, p));
        refuse("NOTIFICATION_REQUIRED", `A complaint flagged "${FLAG_LABELS[need.flag].toLowerCase()}" cannot be acknowledged until ${who.join(" and ")} ${missing.length > 1 ? "have" : "has"} been notified`, need.rule);
      }
    }
    const arrived = stage.receivedOn ?? stage.requestedOn;
    if (on < arrived) refuse("DATE_INVALID", `${stage.label} cannot be acknowledged before the request arrived (${formatShort(arrived)})`);
    stage.acknowledgedOn = on;
    stage.acknowledgementSent = null;
    stage.offerToDiscussMade = command.offerToDiscuss ?? false;
    if (stage.phase === "awaiting-acknowledgement") stage.phase = "investigating";
    sendLetter(state, ctx, stageRules(rules, stage.stageId).acknowledgementLetter, stage.stageId);
  },
});
