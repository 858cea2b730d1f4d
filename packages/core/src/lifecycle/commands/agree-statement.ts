import { z } from "zod";
import { formatShort } from "../../calendar/dates.js";
import { refuse } from "../refusals.js";
import { caseworkers, defineCommand, onField } from "./define.js";
import { requireActiveStage, workingStage } from "./shared.js";

/** Records the agreed statement of complaint (a stage may count its response from it). */
export const agreeStatement = defineCommand({
  type: "agree-statement",
  label: "Record the agreed statement of complaint",
  done: "Statement of complaint agreed",
  payload: z.object({ ...onField }),
  roles: caseworkers,
  can: (state) => {
    const stage = workingStage(state);
    return !!stage && !stage.agreedStatementOn;
  },
  apply(state, _command, { on }) {
    const stage = requireActiveStage(state, "record the agreed statement");
    if (stage.agreedStatementOn) refuse("NOT_ALLOWED_NOW", `The statement was agreed on ${formatShort(stage.agreedStatementOn)}`);
    stage.agreedStatementOn = on;
  },
});
