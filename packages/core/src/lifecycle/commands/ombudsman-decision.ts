import { z } from "zod";
import { formatShort } from "../../calendar/dates.js";
import { chosenKey, isoDate, text } from "../../input/fields.js";
import { refuse } from "../refusals.js";
import { defineCommand, onField } from "./define.js";
import { findEnquiry } from "./shared.js";
import { OMBUDSMAN_FINDINGS } from "../../vocabulary/index.js";

/** Records the Ombudsman's decision on an enquiry and the remedies it asks of the council. */
export const ombudsmanDecision = defineCommand({
  type: "ombudsman-decision",
  label: "Record the Ombudsman's decision",
  done: "Ombudsman decision recorded",
  payload: z.object({
    enquiryId: chosenKey("the enquiry"),
    finding: z.enum(OMBUDSMAN_FINDINGS),
    injustice: z.boolean(),
    summary: text("a summary of the decision", 4000),
    remedies: z
      .array(z.object({ id: z.string().min(1).max(60), description: text("the remedy", 2000), dueOn: isoDate, amountPence: z.number().int().nonnegative().max(100_000_000, "at most £1,000,000").nullish() }))
      .max(20)
      .optional(),
    ...onField,
  }),
  roles: ["complaints-manager"],
  can: (state) => state.ombudsman.some((e) => !e.decision),
  apply(state, command, { on }) {
    const enquiry = findEnquiry(state, command.enquiryId);
    if (enquiry.decision) refuse("NOT_ALLOWED_NOW", `The decision was recorded on ${formatShort(enquiry.decision.on)}`);
    enquiry.decision = { on, finding: command.finding, injustice: command.injustice, summary: command.summary };
    enquiry.remedies = (command.remedies ?? []).map((r) => ({ id: r.id, description: r.description, dueOn: r.dueOn, amountPence: r.amountPence ?? null, completedOn: null }));
  },
});
