import { z } from "zod";
import { formatShort, isIsoDate } from "../../calendar/dates.js";
import { chosenId, isoDate, text } from "../../input/fields.js";
import { refuse } from "../refusals.js";
import { caseworkers, defineCommand, onField } from "./define.js";

const IMPROVEMENT_RULE = "Southwark procedure, Learning from Complaints and Escalations: improvement plans with key implementation milestones, recorded so that progress can be tracked";

/**
 * Agrees an improvement action on the lesson of an answered stage, whether with its response or
 * afterwards (Southwark: learning from escalations; QA findings).
 */
export const agreeImprovementAction = defineCommand({
  type: "agree-improvement-action",
  label: "Agree an improvement action",
  done: "Improvement action agreed",
  payload: z.object({
    /** The answered stage the lesson came from (default: the latest answered). */
    stageSequence: z.number().int("a whole number").min(1).max(100).optional(),
    actionId: z.string().regex(/^[a-z0-9][a-z0-9-]{0,59}$/, "lower-case letters, digits and hyphens (at most 60)"),
    description: text("what will be improved", 2000),
    ownerId: chosenId("the owner of the improvement action"),
    dueOn: isoDate,
    ...onField,
  }),
  roles: [...caseworkers, "head-of-service", "director"],
  can: (state) => state.stages.some((s) => s.response),
  apply(state, command, { on }) {
    const stage =
      command.stageSequence === undefined
        ? [...state.stages].reverse().find((s) => s.response)
        : state.stages.find((s) => s.sequence === command.stageSequence);
    if (!stage) {
      if (command.stageSequence !== undefined) refuse("INVALID_INPUT", `The case has no stage ${command.stageSequence}`);
      refuse("NOT_ALLOWED_NOW", "Improvement actions follow a response: answer the complaint first", IMPROVEMENT_RULE);
    }
    if (!stage.response) refuse("NOT_ALLOWED_NOW", `${stage.label} has not been answered: agree improvement actions with its response or after it`, IMPROVEMENT_RULE);
    if (!command.actionId.trim() || !command.description.trim()) refuse("INVALID_INPUT", "Say what will be improved");
    if (!command.ownerId.trim()) refuse("INVALID_INPUT", "Name the owner of the improvement action", IMPROVEMENT_RULE);
    if (!isIsoDate(command.dueOn)) refuse("DATE_INVALID", `"${command.dueOn}" is not a date (YYYY-MM-DD)`);
    if (command.dueOn < on) refuse("DATE_INVALID", `The due date ${formatShort(command.dueOn)} has already passed`);
    const actions = stage.response.learning.improvementActions;
    if (actions.some((a) => a.id === command.actionId)) refuse("NOT_ALLOWED_NOW", `${stage.label} already has an improvement action "${command.actionId}"`);
    actions.push({ id: command.actionId, description: command.description.trim(), ownerId: command.ownerId, dueOn: command.dueOn });
  },
});
