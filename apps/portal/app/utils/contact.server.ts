/**
 * The contact details form (issue 15, "Channels per resident"): parsed with the API's own
 * schema, core's contactDetailsInput (decision 0512), for the case page and the customer page.
 */
import { contactDetailsInput } from "@complaints/core";
import { parseForm } from "./form-schema.server";

export function parseContactForm(form: FormData) {
  return parseForm(form, contactDetailsInput, { checkboxes: ["smsConsent"] });
}
