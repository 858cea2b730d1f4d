import { z } from "zod";
import { formatShort } from "../../calendar/dates.js";
import { refuse } from "../refusals.js";
import { caseworkers, defineCommand, onField } from "./define.js";
import { requireActiveStage, rulesOfStage, stageRules, workingStage } from "./shared.js";

/** Records one of the working stage's milestones (the panel met on…), in the regime's order. */
export const recordMilestone = defineCommand({
  type: "record-milestone",
  label: "Record a milestone",
  done: "Milestone recorded",
  payload: z.object({ milestoneId: z.string().min(1).max(60), ...onField }),
  roles: caseworkers,
  can: (state, rules) => {
    const stage = workingStage(state);
    return !!stage && !!rulesOfStage(rules, stage.stageId)?.milestones?.some((m) => !stage.milestones?.[m.id]);
  },
  apply(state, command, { rules, on }) {
    const stage = requireActiveStage(state, "record a milestone");
    const milestone = stageRules(rules, stage.stageId).milestones?.find((m) => m.id === command.milestoneId);
    if (!milestone) refuse("INVALID_INPUT", `${stage.label} has no milestone "${command.milestoneId}"`);
    const recorded = stage.milestones ?? {};
    if (recorded[milestone.id]) refuse("NOT_ALLOWED_NOW", `${milestone.label} was recorded on ${formatShort(recorded[milestone.id]!)}`);
    if (milestone.from.startsWith("milestone:")) {
      const before = milestone.from.slice("milestone:".length);
      if (!recorded[before]) refuse("NOT_ALLOWED_NOW", `Record "${before.replace(/-/g, " ")}" before ${milestone.label.toLowerCase()}`, milestone.rule);
    }
    stage.milestones = { ...recorded, [milestone.id]: on };
  },
});
