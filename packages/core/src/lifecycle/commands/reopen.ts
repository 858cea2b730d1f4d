import { z } from "zod";
import { text } from "../../input/fields.js";
import { refuse } from "../refusals.js";
import { defineCommand, managers, onField } from "./define.js";
import { currentStage, isFeedback } from "./shared.js";

/** Reopens a closed case: its last stage is worked again, or a stageless complaint goes back to triage. */
export const reopen = defineCommand({
  type: "reopen",
  label: "Reopen",
  done: "Reopened",
  payload: z.object({ reason: text("why it is reopened", 2000), ...onField }),
  roles: managers,
  can: (state) => state.status === "closed" && !!state.closure,
  apply(state, command, { on }) {
    if (state.status !== "closed" || !state.closure) refuse("NOT_ALLOWED_NOW", "Only a closed case can be reopened");
    if (!command.reason.trim()) refuse("INVALID_INPUT", "Record why the case is reopened");
    state.reopenings.push({ on, reason: command.reason });
    const stage = currentStage(state);
    // A complaint closed before any stage opened (triage outcome, or withdrawn while
    // waiting for triage) goes back to triage; it must never be open without a stage.
    if (state.stages.length === 0 && state.kind !== "service-request" && !isFeedback(state)) {
      state.status = "new";
      state.triage = null;
    } else {
      state.status = "open";
      if (stage && (stage.phase === "responded" || stage.phase === "withdrawn")) {
        stage.phase = stage.acknowledgedOn ? "investigating" : "awaiting-acknowledgement";
        stage.endedOn = null;
        stage.response = null;
      }
    }
    state.closure = null;
  },
});
