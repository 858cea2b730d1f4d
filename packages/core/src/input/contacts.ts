/**
 * A person's channel and contact details as staff set them (issue 15, "Channels per resident"):
 * the API's contact procedures and the portal's contact forms parse with this one schema
 * (decision 0512), so the form shows the API's messages. The details are sent whole, as they
 * should now be: a field left empty is cleared.
 */
import { z } from "zod";
import { isUkMobile } from "../correspondence/channels.js";
import { CONTACT_CHANNELS } from "../vocabulary/case.js";

const POSTCODE = /^[A-Za-z]{1,2}\d[A-Za-z\d]?\s*\d[A-Za-z]{2}$/;
const PHONE = /^[+0-9 ()-]{6,20}$/;

export const contactDetailsFields = {
  /** Null: they have not said; the way the complaint came decides (correspondence/channels.ts). */
  contactChannel: z.enum(CONTACT_CHANNELS, "Choose how they want us to write to them").nullish(),
  email: z.email("Enter an email address in the correct format, like name@example.com").max(320, "Email address must be 320 characters or fewer").nullish(),
  phone: z.string().trim().regex(PHONE, "Enter a telephone number, like 01632 960 001 or +44 808 157 0192").nullish(),
  address: z.string().trim().max(500, "Keep the address under 500 characters").nullish(),
  postcode: z.string().trim().regex(POSTCODE, "Enter a full UK postcode, like LS1 1UR").nullish(),
  smsConsent: z.boolean().optional(),
  /** Why it changed ("Phoned on 3 March to ask for letters"): kept with the change. */
  note: z.string().trim().max(1000, "Keep the note under 1,000 characters").nullish(),
};

export const contactDetailsInput = z
  .object(contactDetailsFields)
  .strict()
  .superRefine((c, issues) => {
    const email = c.contactChannel === "email" || c.contactChannel === "both";
    const post = c.contactChannel === "post" || c.contactChannel === "both";
    if (email && !c.email) issues.addIssue({ code: "custom", path: ["email"], message: "Enter an email address: they want us to write by email" });
    if (post && !c.address) issues.addIssue({ code: "custom", path: ["address"], message: "Enter the address: they want us to write by post" });
    if (post && !c.postcode) issues.addIssue({ code: "custom", path: ["postcode"], message: "Enter the postcode: they want us to write by post" });
    if (c.smsConsent && !isUkMobile(c.phone)) issues.addIssue({ code: "custom", path: ["phone"], message: "Enter a UK mobile number, like 07700 900 982, for text messages" });
  });

export type ContactDetailsInput = z.infer<typeof contactDetailsInput>;
