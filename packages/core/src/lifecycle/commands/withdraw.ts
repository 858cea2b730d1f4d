import { z } from "zod";
import { text } from "../../input/fields.js";
import { refuse } from "../refusals.js";
import { coordinators, defineCommand, onField } from "./define.js";
import { closeCase, currentStage, isOpenPhase, requireOpen, workingStage } from "./shared.js";

/** The customer withdrew the complaint: the working stage ends and the case closes. */
export const withdraw = defineCommand({
  type: "withdraw",
  label: "Withdraw",
  done: "Withdrawn",
  payload: z.object({ reason: text("why it was withdrawn", 2000), ...onField }),
  roles: ["customer-services", ...coordinators],
  can: (state) => state.status === "new" || workingStage(state) !== undefined,
  apply(state, command, { on }) {
    requireOpen(state, "withdraw it");
    if (!command.reason.trim()) refuse("INVALID_INPUT", "Record why the complaint was withdrawn");
    const stage = currentStage(state);
    if (stage && isOpenPhase(stage)) {
      stage.phase = "withdrawn";
      stage.endedOn = on;
      const pause = stage.pauses.at(-1);
      if (pause && !pause.to) pause.to = on;
    }
    closeCase(state, on, "withdrawn", command.reason);
  },
});
