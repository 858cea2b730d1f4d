import { z } from "zod";
import { formatShort, isIsoDate } from "../../calendar/dates.js";
import { isoDate, slug, text } from "../../input/fields.js";
import { refuse } from "../refusals.js";
import { defineCommand, onField } from "./define.js";

/** Records an enquiry from the Ombudsman (or another next body) and its response date. */
export const ombudsmanEnquiry = defineCommand({
  type: "ombudsman-enquiry",
  label: "Record an Ombudsman enquiry",
  done: "Ombudsman enquiry received",
  payload: z.object({ enquiryId: z.string().min(1).max(60), body: z.string("Choose the body").pipe(slug), reference: text("the Ombudsman's reference", 60), responseDueOn: isoDate, ...onField }),
  roles: ["complaints-manager"],
  can: (state) => state.status !== "new",
  apply(state, command, ctx) {
    if (state.ombudsman.some((o) => o.id === command.enquiryId)) refuse("INVALID_INPUT", `Enquiry ${command.enquiryId} is already recorded`);
    if (!command.reference.trim()) refuse("INVALID_INPUT", "Give the Ombudsman's reference");
    if (!isIsoDate(command.responseDueOn) || command.responseDueOn < ctx.on) refuse("DATE_INVALID", "The Ombudsman's response date must be a date on or after the enquiry");
    state.ombudsman.push({
      id: command.enquiryId,
      body: command.body,
      reference: command.reference,
      receivedOn: ctx.on,
      responseDueOn: command.responseDueOn,
      respondedOn: null,
      approvedBy: null,
      decision: null,
      remedies: [],
      satisfactionLetterOn: null,
    });
    ctx.effects.push({ type: "notify", party: "head-of-service", reason: `Ombudsman enquiry ${command.reference} on ${state.reference}: response due ${formatShort(command.responseDueOn)}` });
  },
});
