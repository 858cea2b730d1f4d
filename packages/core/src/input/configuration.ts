/**
 * The changes a complaints manager makes to the council's profile in a year, as inputs: the
 * portal's configuration pages parse their forms with these, and `editProfile`
 * (profile/edit.ts) makes the new profile from the current one and the change
 * (docs/decisions/0514-configuration-in-the-portal.md). Messages say what to enter.
 */
import { z } from "zod";
import { NATIONS } from "../calendar/bank-holidays.js";
import { STAFF_ROLES } from "../vocabulary/index.js";
import { isoDate, slug, text } from "./fields.js";

/** Lines typed in a textarea (an address), blank ones left out. */
const lines = (what: string) =>
  z.preprocess((v) => (typeof v === "string" ? v.split(/\r?\n/).map((l) => l.trim()).filter(Boolean) : v), z.array(z.string().max(200)).min(1, `Enter ${what}`).max(8, `Keep ${what} to 8 lines`));
const optionalText = (what: string, max = 200) => z.string().trim().max(max, `Keep ${what} under ${max} characters`).optional();
const chosen = (what: string) => z.string(`Choose ${what}`).regex(/^[a-z0-9][a-z0-9-]*$/, `Choose ${what}`);
const days = (what: string) =>
  z.number(`Enter ${what} as a number of working days`).int(`Enter ${what} as a whole number of working days`).min(1, `${what} must be at least 1 working day`).max(130, `${what} must be at most 130 working days`);
const yesNo = (what: string) => z.enum(["yes", "no"], `Select whether ${what}`).transform((v) => v === "yes");

export const directorateInput = z.object({ name: text("the directorate's name", 200) }).strict();
/** A directorate holds at least one service: a new one is made with its first. */
export const newDirectorateInput = directorateInput.extend({ firstService: text("the name of its first service", 200) }).strict();

export const serviceInput = z
  .object({
    name: text("the service's name", 200),
    directorateId: chosen("the directorate it belongs to"),
    offeredToPublic: yesNo("residents can choose it on the online form"),
    /** The service's teams as they are now, renamed where the name changed. */
    teams: z.array(z.object({ id: slug, name: text("the team's name", 200) }).strict()).max(50).default([]),
    /** Teams to retire (their ids). */
    retireTeams: z.array(slug).max(50).default([]),
    newTeam: optionalText("the new team's name"),
  })
  .strict();

export const pluginsInput = z.object({ plugins: z.array(slug).max(10).default([]) }).strict();

export const timescalesInput = z
  .object({
    stages: z
      .array(
        z
          .object({
            id: slug,
            acknowledgeDays: days("the time to acknowledge").optional(),
            respondDays: days("the time to respond").optional(),
          })
          .strict(),
      )
      .min(1)
      .max(5),
    source: text("the policy or decision these timescales come from", 300),
  })
  .strict();

export const closureInput = z
  .object({
    /** The council's closure days to keep, by their position in today's list. */
    keep: z.array(z.coerce.number().int().min(0)).max(100).default([]),
    newDate: isoDate.optional(),
    newLabel: optionalText("what the closure day is", 100),
    everyYear: z.boolean().default(false),
    cutOffTime: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Enter the cut-off time as 24-hour HH:MM, like 17:00")
      .optional(),
    nations: z.array(z.enum(NATIONS, "Choose whose bank holidays count")).min(1, "Choose whose bank holidays count").max(NATIONS.length),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.newDate && !v.newLabel) ctx.addIssue({ code: "custom", path: ["newLabel"], message: "Enter what the closure day is, such as Christmas shutdown" });
    if (v.newLabel && !v.newDate) ctx.addIssue({ code: "custom", path: ["newDate"], message: "Enter the date of the closure day" });
  });

export const limitsInput = z
  .object({
    limits: z
      .array(
        z
          .object({
            role: z.enum(STAFF_ROLES),
            maxPounds: z.number("Enter an amount in pounds, like 500").nonnegative("Enter an amount of 0 or more").max(10_000_000, "Enter an amount under £10,000,000").optional(),
          })
          .strict(),
      )
      .max(STAFF_ROLES.length),
  })
  .strict();

export const letterheadInput = z
  .object({
    name: text("the council's name", 200),
    addressLines: lines("the address"),
    postcode: text("the postcode", 10),
    phone: text("the phone number", 40),
    email: z.email("Enter an email address in the correct format, like complaints@example.gov.uk").max(320),
    website: text("the website", 200),
    otherFormats: text("what to say about other formats", 500),
  })
  .strict();

export const ombudsmanInput = z
  .object({
    name: text("the Ombudsman's name", 200),
    addressLines: lines("the address"),
    postcode: optionalText("the postcode", 10),
    phone: optionalText("the phone number", 40),
    email: optionalText("the email address", 320),
    website: optionalText("the website", 200),
  })
  .strict();

/** A row of the "people the rules name" form; a row left blank is no contact (profile.contacts). */
const contactRow = z
  .object({
    party: optionalText("the party", 60),
    title: optionalText("the post"),
    name: optionalText("the name"),
    email: optionalText("the email address", 320),
  })
  .strict()
  .superRefine((row, ctx) => {
    if (!row.party && !row.title && !row.name && !row.email) return;
    if (!row.party || !/^[a-z0-9][a-z0-9-]*$/.test(row.party)) ctx.addIssue({ code: "custom", path: ["party"], message: "Enter the party as the rules name it, in lower-case letters and hyphens, like head-of-equality" });
    if (!row.title) ctx.addIssue({ code: "custom", path: ["title"], message: "Enter their post, like Head of Equality" });
    if (!row.name) ctx.addIssue({ code: "custom", path: ["name"], message: "Enter their name" });
    if (!row.email || !z.email().safeParse(row.email).success) ctx.addIssue({ code: "custom", path: ["email"], message: "Enter an email address in the correct format, like equality@example.gov.uk" });
  });

/** The officers the council's rules name (Leeds para 28), each told by email. */
export const contactsInput = z.object({ contacts: z.array(contactRow).max(50).default([]) }).strict();

export const publicServicesInput = z.object({ offered: z.array(slug).max(500).default([]) }).strict();

export type DirectorateInput = z.output<typeof directorateInput>;
export type NewDirectorateInput = z.output<typeof newDirectorateInput>;
export type ServiceInput = z.output<typeof serviceInput>;
export type TimescalesInput = z.output<typeof timescalesInput>;
export type ClosureInput = z.output<typeof closureInput>;
export type LimitsInput = z.output<typeof limitsInput>;
export type LetterheadInput = z.output<typeof letterheadInput>;
export type ContactsInput = z.output<typeof contactsInput>;
export type OmbudsmanInput = z.output<typeof ombudsmanInput>;
