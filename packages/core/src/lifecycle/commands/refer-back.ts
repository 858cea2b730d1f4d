import { z } from "zod";
import { text } from "../../input/fields.js";
import { refuse } from "../refusals.js";
import { coordinators, defineCommand, onField } from "./define.js";
import { openStage, requireActiveStage, rulesOfStage, sendLetter, stageRules, workingStage } from "./shared.js";

/** Sends the complaint back to the stage the regime names (a review finds more to do). */
export const referBack = defineCommand({
  type: "refer-back",
  label: "Refer back",
  done: "Referred back",
  payload: z.object({ reason: text("why it goes back", 4000), ...onField }),
  roles: coordinators,
  can: (state, rules) => {
    const stage = workingStage(state);
    return !!stage && !!rulesOfStage(rules, stage.stageId)?.referBackTo;
  },
  apply(state, command, ctx) {
    const { rules, on } = ctx;
    const stage = requireActiveStage(state, "refer it back");
    const rule = stageRules(rules, stage.stageId);
    if (!rule.referBackTo) refuse("NOT_ALLOWED_NOW", `${stage.label} cannot refer a complaint back under these rules`);
    if (!command.reason.trim()) refuse("INVALID_INPUT", "Say why the complaint goes back");
    stage.phase = "referred-back";
    stage.endedOn = on;
    // A stage paused when it is referred back stops there: its clock, like its dates
    // (deadlines/due-dates.ts), belongs to the reopened stage from now on.
    const pause = stage.pauses.at(-1);
    if (pause && !pause.to) pause.to = on;
    const reopened = openStage(state, stageRules(rules, rule.referBackTo), on, { receivedOn: on, requestReason: `Referred back from ${stage.label}: ${command.reason}` });
    sendLetter(state, ctx, "referral-back", reopened.stageId);
  },
});
