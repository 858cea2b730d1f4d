import { z } from "zod";
import { formatShort } from "../../calendar/dates.js";
import { chosenKey, isoDate, text } from "../../input/fields.js";
import { refuse } from "../refusals.js";
import { defineCommand, onField } from "./define.js";
import { findEnquiry, sendLetter } from "./shared.js";
import { OMBUDSMAN_FINDINGS } from "../../vocabulary/index.js";

/**
 * Records the Ombudsman's decision on an enquiry and the remedies it asks of the council, and
 * writes to the resident (or the representative replies go to): what the Ombudsman decided
 * and the remedy the council will carry out, by when. Our reply TO the Ombudsman
 * (`ombudsman-response`, the command) is the council's to the Ombudsman, not a letter to the
 * resident. Rule: Lewisham annual complaints report 2009/10 §6.6 and §7.4 (the council accepts
 * the Ombudsman's remedy and the complainant is kept informed of the follow-up action);
 * docs/rules.md §8 (Ombudsman findings and remedy compliance).
 */
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
  apply(state, command, ctx) {
    const { on } = ctx;
    const enquiry = findEnquiry(state, command.enquiryId);
    if (enquiry.decision) refuse("NOT_ALLOWED_NOW", `The decision was recorded on ${formatShort(enquiry.decision.on)}`);
    enquiry.decision = { on, finding: command.finding, injustice: command.injustice, summary: command.summary };
    enquiry.remedies = (command.remedies ?? []).map((r) => ({ id: r.id, description: r.description, dueOn: r.dueOn, amountPence: r.amountPence ?? null, completedOn: null }));
    sendLetter(state, ctx, "ombudsman-response", null);
  },
});
