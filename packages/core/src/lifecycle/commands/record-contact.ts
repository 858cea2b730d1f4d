import { z } from "zod";
import { text } from "../../input/fields.js";
import { refuse } from "../refusals.js";
import { CHANNELS } from "../../vocabulary/index.js";
import { caseworkers, defineCommand, onField } from "./define.js";

/** Records a call, email or visit with the customer, at any point in the case's life. */
export const recordContact = defineCommand({
  type: "record-contact",
  label: "Record a contact",
  done: "Contact recorded",
  payload: z.object({ direction: z.enum(["in", "out"], "Choose who contacted whom"), channel: z.enum(CHANNELS, "Choose how the contact was made"), summary: text("a summary of the contact", 4000), ...onField }),
  roles: ["customer-services", ...caseworkers, "head-of-service", "director", "legal"],
  can: () => true,
  apply(state, command, { on }) {
    if (!command.summary.trim()) refuse("INVALID_INPUT", "Summarise the contact");
    state.contacts.push({ on, direction: command.direction, channel: command.channel, summary: command.summary, by: command.by.id });
  },
});
