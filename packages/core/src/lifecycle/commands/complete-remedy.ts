import { z } from "zod";
import { formatShort } from "../../calendar/dates.js";
import { chosenKey } from "../../input/fields.js";
import { refuse } from "../refusals.js";
import { caseworkers, defineCommand, onField } from "./define.js";

/** Records that a remedy offered in a stage response was carried out. */
export const completeRemedy = defineCommand({
  type: "complete-remedy",
  label: "Complete a remedy",
  done: "Remedy completed",
  payload: z.object({ remedyId: chosenKey("the remedy"), ...onField }),
  roles: [...caseworkers, "head-of-service"],
  can: (state) => state.stages.some((s) => s.response?.remedies.some((r) => !r.completedOn)),
  apply(state, command, { on }) {
    const remedy = state.stages.flatMap((s) => s.response?.remedies ?? []).find((r) => r.id === command.remedyId);
    if (!remedy) refuse("INVALID_INPUT", `There is no remedy ${command.remedyId}`);
    if (remedy.completedOn) refuse("NOT_ALLOWED_NOW", `The remedy was completed on ${formatShort(remedy.completedOn)}`);
    remedy.completedOn = on;
  },
});
