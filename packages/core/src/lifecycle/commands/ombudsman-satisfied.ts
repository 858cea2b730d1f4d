import { z } from "zod";
import { chosenKey } from "../../input/fields.js";
import { refuse } from "../refusals.js";
import { defineCommand, onField } from "./define.js";
import { findEnquiry } from "./shared.js";

/** Records the Ombudsman's satisfaction letter, once every remedy it asked for is done. */
export const ombudsmanSatisfied = defineCommand({
  type: "ombudsman-satisfied",
  label: "Record the Ombudsman's letter of satisfaction",
  done: "Ombudsman satisfied",
  payload: z.object({ enquiryId: chosenKey("the enquiry"), ...onField }),
  roles: ["complaints-manager"],
  can: (state) => state.ombudsman.some((e) => e.decision && !e.satisfactionLetterOn && e.remedies.every((r) => r.completedOn)),
  apply(state, command, { on }) {
    const enquiry = findEnquiry(state, command.enquiryId);
    const outstanding = enquiry.remedies.filter((r) => !r.completedOn);
    if (outstanding.length) refuse("NOT_ALLOWED_NOW", `${outstanding.length} of the Ombudsman's remedies are not complete yet`);
    enquiry.satisfactionLetterOn = on;
  },
});
