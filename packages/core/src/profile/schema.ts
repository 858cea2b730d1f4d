import { z } from "zod";
import { DomainError } from "../errors.js";
import { NATIONS } from "../calendar/bank-holidays.js";
import { ruleOverridesSchema } from "../regime/schema.js";
import { FLAGS, ROLES, STAFF_ROLES } from "../vocabulary/index.js";

const slug = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "use lower-case letters, digits and hyphens");

const closureDaySchema = z.union([
  z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), label: z.string().min(1) }).strict(),
  z.object({ everyYear: z.string().regex(/^\d{2}-\d{2}$/, "MM-DD"), label: z.string().min(1) }).strict(),
]);

const contactSchema = z
  .object({
    name: z.string().min(1),
    addressLines: z.array(z.string()).default([]),
    postcode: z.string().optional(),
    phone: z.string().optional(),
    email: z.string().optional(),
    website: z.string().optional(),
  })
  .strict();

const serviceSchema = z
  .object({
    id: slug,
    name: z.string().min(1),
    /** Plugins this service enables, in the order they apply. */
    plugins: z.array(slug).default([]),
    settings: ruleOverridesSchema.optional(),
    teams: z.array(z.object({ id: slug, name: z.string().min(1) }).strict()).default([]),
  })
  .strict();

const directorateSchema = z
  .object({
    id: slug,
    name: z.string().min(1),
    /** Plugins every service of the directorate enables (before the service's own). */
    plugins: z.array(slug).default([]),
    settings: ruleOverridesSchema.optional(),
    services: z.array(serviceSchema).min(1),
  })
  .strict();

/**
 * A council profile: data, not code (docs/design.md §3, §5). Which directorates and services
 * exist, which plugins each enables, the corporate timescales, the calendar, limits,
 * letterhead and the Ombudsmen's details.
 */
export const councilProfileSchema = z
  .object({
    id: slug,
    name: z.string().min(1),
    /** Documents the profile is built from, for the "where did this value come from" trail. */
    sources: z.array(z.string()).default([]),
    calendar: z
      .object({
        nations: z.array(z.enum(NATIONS)).min(1).optional(),
        closures: z.array(closureDaySchema).default([]),
        cutOffTime: z
          .string()
          .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "HH:MM, 24-hour")
          .nullable()
          .default(null),
      })
      .strict(),
    /** Corporate timescales over the core default (the 2024 code). */
    timescales: ruleOverridesSchema.optional(),
    directorates: z.array(directorateSchema).min(1),
    /** The most each role may approve as a financial remedy, in pounds. */
    delegatedLimits: z.array(z.object({ role: z.enum(ROLES), maxPounds: z.number().nonnegative() }).strict()).default([]),
    /** People who must be told before a complaint with a flag can be acknowledged (Leeds para 28). */
    notifyBeforeAcknowledging: z
      .array(z.object({ flag: z.enum(FLAGS), parties: z.array(z.string().min(1)).min(1), rule: z.string().min(3) }).strict())
      .default([]),
    letterhead: z
      .object({
        addressLines: z.array(z.string()).min(1),
        postcode: z.string(),
        phone: z.string(),
        email: z.string(),
        website: z.string(),
        otherFormats: z.string().default("If you need this letter in large print, braille, audio or another language, please contact us."),
      })
      .strict(),
    ombudsmen: z.record(z.string(), contactSchema).default({}),
    /** Homes the council owns as landlord (Tenant Satisfaction Measure CH01). */
    homes: z.number().int().nonnegative().optional(),
    referencePrefix: z.string().regex(/^[A-Z]{2,6}$/).default("CMP"),
    /**
     * Single sign-on groups that give roles (docs/decisions/0317-staff-import-and-sso-groups.md):
     * someone the identity provider puts in a group gets its role, in a directorate (by its
     * code) or council-wide, at every sign-in. `contact` is who a person with no such group is
     * told to ask.
     */
    singleSignOn: z
      .object({
        groupRoles: z
          .array(z.object({ group: z.string().trim().min(1).max(256), role: z.enum(STAFF_ROLES), directorate: slug.optional() }).strict())
          .max(500)
          .default([]),
        contact: z.string().trim().min(1).max(300).optional(),
      })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((profile, ctx) => {
    const codes = new Set(profile.directorates.map((d) => d.id));
    profile.singleSignOn?.groupRoles.forEach((g, i) => {
      if (g.directorate !== undefined && !codes.has(g.directorate)) {
        ctx.addIssue({ code: "custom", path: ["singleSignOn", "groupRoles", i, "directorate"], message: `there is no directorate "${g.directorate}" in this profile` });
      }
    });
  });

export type CouncilProfileInput = z.input<typeof councilProfileSchema>;
export type CouncilProfile = z.output<typeof councilProfileSchema>;

/**
 * A profile that is not valid data, naming every field at fault. A domain error (invalid input):
 * an administrator's edit refused by the API, or a server that will not start.
 */
export class ProfileValidationError extends DomainError {
  override readonly name = "ProfileValidationError";
  constructor(
    readonly profileId: string,
    readonly issues: string[],
  ) {
    super("INVALID_INPUT", `The profile "${profileId}" is not valid: ${issues.join("; ")}`);
  }
}

export function parseCouncilProfile(input: unknown): CouncilProfile {
  const result = councilProfileSchema.safeParse(input);
  if (!result.success) {
    const id = typeof input === "object" && input && "id" in input ? String((input as { id: unknown }).id) : "(no id)";
    throw new ProfileValidationError(
      id,
      result.error.issues.map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`),
    );
  }
  return result.data;
}
