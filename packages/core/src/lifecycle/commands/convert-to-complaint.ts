import { z } from "zod";
import { text } from "../../input/fields.js";
import { refuse } from "../refusals.js";
import { coordinators, defineCommand, onField } from "./define.js";
import { requireOpen } from "./shared.js";

/** The customer is dissatisfied with a service request: it becomes a complaint, back at triage. */
export const convertToComplaint = defineCommand({
  type: "convert-to-complaint",
  label: "Convert to a complaint",
  done: "Converted to a complaint",
  payload: z.object({ reason: text("why the customer is dissatisfied", 2000), ...onField }),
  roles: ["customer-services", ...coordinators],
  can: (state) => state.status === "open" && state.kind === "service-request",
  apply(state, command) {
    requireOpen(state, "convert it");
    if (state.kind !== "service-request") refuse("NOT_ALLOWED_NOW", "Only a service request can be converted to a complaint");
    if (!command.reason.trim()) refuse("INVALID_INPUT", "Record why the customer is dissatisfied");
    state.kind = "complaint";
    state.status = "new";
    state.triage = null;
  },
});
