import { z } from "zod";
import { text } from "../../input/fields.js";
import { refuse } from "../refusals.js";
import { caseworkers, defineCommand, onField } from "./define.js";
import { requireActiveStage, sendLetter, workingStage } from "./shared.js";

/** Records a holding response: the customer told why the answer is late and when it will come. */
export const holdingResponse = defineCommand({
  type: "holding-response",
  label: "Send a holding response",
  done: "Holding response sent",
  payload: z.object({ summary: text("what the customer was told", 4000), ...onField }),
  roles: caseworkers,
  can: (state) => workingStage(state) !== undefined,
  apply(state, command, ctx) {
    const stage = requireActiveStage(state, "send a holding response");
    if (!command.summary.trim()) refuse("INVALID_INPUT", "Say what the holding response told the customer (the reason for the delay and the new date)");
    stage.holdingResponses.push({ on: ctx.on, summary: command.summary, sent: null });
    sendLetter(state, ctx, "holding-response", stage.stageId);
  },
});
