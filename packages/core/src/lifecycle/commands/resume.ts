import { z } from "zod";
import { formatShort } from "../../calendar/dates.js";
import { refuse } from "../refusals.js";
import type { CaseState } from "../types.js";
import { caseworkers, defineCommand, onField } from "./define.js";
import { currentStage, requireOpen, resumedPhase } from "./shared.js";

/** The paused stage and its open pause, if the clock is stopped. */
function stopped(state: CaseState) {
  const stage = currentStage(state);
  const pause = stage?.pauses.at(-1);
  return stage?.phase === "paused" && pause && !pause.to ? { stage, pause } : undefined;
}

/** Starts the paused clock again. */
export const resume = defineCommand({
  type: "resume",
  label: "Resume",
  done: "Resumed",
  payload: z.object({ ...onField }),
  roles: caseworkers,
  can: (state) => state.status === "open" && stopped(state) !== undefined,
  apply(state, _command, { rules, on }) {
    requireOpen(state, "resume it");
    const paused = stopped(state);
    if (!paused) refuse("NOT_ALLOWED_NOW", "The clock is not paused");
    const { stage, pause } = paused;
    if (on < pause.from) refuse("DATE_INVALID", `The clock cannot resume before it was paused (${formatShort(pause.from)})`);
    pause.to = on;
    stage.phase = resumedPhase(stage, rules);
  },
});
