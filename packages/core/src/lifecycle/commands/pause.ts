import { z } from "zod";
import { text } from "../../input/fields.js";
import { refuse } from "../refusals.js";
import { caseworkers, defineCommand, onField } from "./define.js";
import { requireActiveStage, workingStage } from "./shared.js";

/** Stops the working stage's clock (waiting for the customer…) until `resume`. */
export const pause = defineCommand({
  type: "pause",
  label: "Pause",
  done: "Paused",
  payload: z.object({ reason: text("why the clock stops", 1000), ...onField }),
  roles: caseworkers,
  can: (state) => {
    const stage = workingStage(state);
    return !!stage && stage.phase !== "paused";
  },
  apply(state, command, { on }) {
    const stage = requireActiveStage(state, "pause it");
    if (stage.phase === "paused") refuse("NOT_ALLOWED_NOW", `${stage.label} is already paused`);
    if (!command.reason.trim()) refuse("INVALID_INPUT", "Say why the clock is paused (waiting for the customer…)");
    stage.pauses.push({ from: on, to: null, reason: command.reason });
    stage.phase = "paused";
  },
});
