import { z } from "zod";
import { chosenId } from "../../input/fields.js";
import { refuse } from "../refusals.js";
import { coordinators, defineCommand, onField } from "./define.js";
import { requireActiveStage, stageRules, workingStage } from "./shared.js";

/** Gives the working stage its handler: never someone the complaint names, nor an earlier stage's. */
export const assign = defineCommand({
  type: "assign",
  label: "Assign",
  done: "Assigned",
  payload: z.object({ handlerId: chosenId("the investigating officer"), reason: z.string().trim().max(1000).optional(), ...onField }),
  roles: [...coordinators, "head-of-service"],
  can: (state) => workingStage(state) !== undefined,
  apply(state, command, { rules }) {
    const stage = requireActiveStage(state, "assign a handler");
    if (state.aboutStaffIds.includes(command.handlerId)) {
      refuse("CONFLICT_OF_INTEREST", `${command.handlerId} is named in the complaint and may not investigate it`, "Leeds policy: complaints about staff are not investigated by the person complained about");
    }
    const rulesOfStage = stageRules(rules, stage.stageId);
    for (const earlierId of rulesOfStage.handler?.independentOf ?? []) {
      const earlier = state.stages.filter((s) => s.stageId === earlierId);
      if (earlier.some((s) => s.handlerId === command.handlerId || s.previousHandlerIds.includes(command.handlerId))) {
        refuse("HANDLER_NOT_INDEPENDENT", `${command.handlerId} handled ${earlier[0]!.label}, so cannot handle ${stage.label}`, rulesOfStage.handler!.rule);
      }
    }
    if (stage.handlerId && stage.handlerId !== command.handlerId) stage.previousHandlerIds.push(stage.handlerId);
    stage.handlerId = command.handlerId;
  },
});
