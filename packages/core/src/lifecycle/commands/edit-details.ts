import { z } from "zod";
import { name } from "../../input/fields.js";
import { checkRepresentative, representativeSchema } from "../intake.js";
import { refuse } from "../refusals.js";
import type { CaseState } from "../types.js";
import { caseworkers, defineCommand, onField } from "./define.js";

/** The parts of a case's record this command corrects, as the event shows them. */
const EDITABLE = ["description", "desiredOutcome", "customerName", "representative"] as const;
type Editable = (typeof EDITABLE)[number];

const valuesOf = (state: CaseState): Record<Editable, unknown> => ({
  description: state.description,
  desiredOutcome: state.desiredOutcome,
  customerName: state.customer?.name ?? null,
  representative: state.representative,
});

/**
 * Corrects what was written down when the case was logged: the description, the outcome the
 * customer wants, the customer's name and who represents them (their role, consent and whether
 * replies go to them). Any part may be sent alone; the event keeps each changed value before
 * and after, so the first wording is never lost. How each person is written to (address,
 * email) is kept apart and changed on the contact page (decision 0320).
 */
export const editDetails = defineCommand({
  type: "edit-details",
  label: "Correct the details",
  done: "Details corrected",
  payload: z.object({
    description: z.string("Enter the description").trim().min(1, "Enter the description").max(20_000, "Keep the description under 20000 characters").optional(),
    desiredOutcome: z.string().trim().max(5_000, "Keep the outcome wanted under 5000 characters").nullish(),
    customerName: name("the customer's name").optional(),
    representative: representativeSchema.nullable().optional(),
    ...onField,
  }),
  roles: ["customer-services", ...caseworkers],
  can: () => true,
  apply(state, command, ctx) {
    const before = valuesOf(state);
    if (command.description !== undefined) state.description = command.description;
    if (command.desiredOutcome !== undefined) state.desiredOutcome = command.desiredOutcome || null;
    if (command.customerName !== undefined) {
      if (!state.customer) refuse("INVALID_INPUT", `Case ${state.reference} was made anonymously; there is no customer to name`);
      state.customer = { ...state.customer, name: command.customerName };
    }
    if (command.representative !== undefined) {
      if (command.representative) checkRepresentative(command.representative);
      state.representative = command.representative;
    }
    const after = valuesOf(state);
    const changes = Object.fromEntries(
      EDITABLE.filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key])).map((key) => [key, { from: before[key], to: after[key] }]),
    );
    if (Object.keys(changes).length === 0) refuse("INVALID_INPUT", `Nothing would change on case ${state.reference}: the details are as recorded`);
    ctx.eventData = { changes };
  },
});
