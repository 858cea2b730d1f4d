import { z } from "zod";
import { formatShort } from "../../calendar/dates.js";
import { refuse } from "../refusals.js";
import { coordinators, defineCommand, onField } from "./define.js";
import { isFeedback, requireOpen, sendLetter } from "./shared.js";

/** Thanks the customer for a compliment or comment (a letter). */
export const acknowledgeFeedback = defineCommand({
  type: "acknowledge-feedback",
  label: "Acknowledge the feedback",
  done: "Feedback acknowledged",
  payload: z.object({ ...onField }),
  roles: ["customer-services", ...coordinators],
  can: (state) => state.status === "open" && isFeedback(state) && !state.feedbackAcknowledgedOn,
  apply(state, _command, ctx) {
    requireOpen(state, "acknowledge it");
    if (!isFeedback(state)) refuse("NOT_ALLOWED_NOW", "Only compliments and comments are acknowledged this way");
    if (state.feedbackAcknowledgedOn) refuse("NOT_ALLOWED_NOW", `Already acknowledged on ${formatShort(state.feedbackAcknowledgedOn)}`);
    state.feedbackAcknowledgedOn = ctx.on;
    state.feedbackAcknowledgementSent = null;
    sendLetter(state, ctx, "compliment-acknowledgement", null);
  },
});
