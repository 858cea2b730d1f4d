import { z } from "zod";
import { formatShort } from "../../calendar/dates.js";
import { chosenKey } from "../../input/fields.js";
import { refuse } from "../refusals.js";
import { caseworkers, defineCommand, onField } from "./define.js";
import { currentStage, resumedPhase, workingStage } from "./shared.js";

/** Records the answer to an information request; the clock it paused runs again. */
export const receiveInformation = defineCommand({
  type: "receive-information",
  label: "Record information received",
  done: "Information received",
  payload: z.object({ id: chosenKey("the request"), ...onField }),
  roles: ["customer-services", ...caseworkers],
  can: (state) => workingStage(state) !== undefined && state.informationRequests.some((r) => !r.answeredOn),
  apply(state, command, { rules, on }) {
    const request = state.informationRequests.find((r) => r.id === command.id);
    if (!request) refuse("INVALID_INPUT", `There is no information request ${command.id}`);
    if (request.answeredOn) refuse("NOT_ALLOWED_NOW", `Information request ${command.id} was answered on ${formatShort(request.answeredOn)}`);
    request.answeredOn = on;
    const stage = currentStage(state);
    const pause = stage?.pauses.at(-1);
    if (stage?.phase === "paused" && pause && !pause.to && pause.reason.endsWith(request.what)) {
      pause.to = on;
      stage.phase = resumedPhase(stage, rules);
    }
  },
});
