import { z } from "zod";
import { formatShort } from "../../calendar/dates.js";
import { chosenKey, text } from "../../input/fields.js";
import { refuse } from "../refusals.js";
import { defineCommand, managers, onField } from "./define.js";
import { findEnquiry } from "./shared.js";

/** Records the council's response to an Ombudsman enquiry, approved by the Head of Service. */
export const ombudsmanResponse = defineCommand({
  type: "ombudsman-response",
  label: "Record the reply to the Ombudsman",
  done: "Reply sent to the Ombudsman",
  payload: z.object({ enquiryId: chosenKey("the enquiry"), approvedBy: text("who approved the response", 200), ...onField }),
  roles: managers,
  can: (state) => state.ombudsman.some((e) => !e.respondedOn),
  apply(state, command, { on }) {
    const enquiry = findEnquiry(state, command.enquiryId);
    if (enquiry.respondedOn) refuse("NOT_ALLOWED_NOW", `The response went on ${formatShort(enquiry.respondedOn)}`);
    if (!command.approvedBy.trim()) refuse("SIGNATORY_REQUIRED", "The response to the Ombudsman must be approved by the Head of Service", "Southwark procedure: Ombudsman enquiries");
    enquiry.respondedOn = on;
    enquiry.approvedBy = command.approvedBy;
  },
});
