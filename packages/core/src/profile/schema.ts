import { z } from "zod";
import { DomainError } from "../errors.js";
import { NATIONS } from "../calendar/bank-holidays.js";
import { ruleOverridesSchema } from "../regime/schema.js";
import { FLAGS, ROLES, STAFF_ROLES } from "../vocabulary/index.js";
import { isoDate } from "../input/fields.js";

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

const workingDaysSchema = z.number().int().min(1).max(60);

/**
 * The council's procedure choices (issue 16). Each carries the paragraph of the council's own
 * document it comes from, shown wherever it acts; the defaults keep what every council did before.
 */
const proceduresSchema = z
  .object({
    /** A complaint seeking damages or about physical injury goes to Legal Services as a claim: the complaint waits ("pause") or ends ("close"). */
    claims: z
      .object({ onReferral: z.enum(["pause", "close"]), rule: z.string().min(3) })
      .strict()
      .default({ onReferral: "pause", rule: "the council's claims procedure: the complaint waits while Legal Services decide the claim" }),
    /** Chasing a service for information it was asked for: to its manager (the DCRO), then to the Head of Service. */
    chasing: z
      .object({ serviceAfter: workingDaysSchema, headOfServiceAfter: workingDaysSchema, rule: z.string().min(3) })
      .strict()
      .default({ serviceAfter: 3, headOfServiceAfter: 2, rule: "chased after 3 working days, then 2 more to the Head of Service" }),
    /** The Head of Service is told, with the reasons, when a stage's response does not uphold the complaint or an Ombudsman referral is likely (Southwark). */
    headOfServiceTold: z
      .object({ stages: z.array(slug).min(1), notUpheld: z.boolean(), ombudsmanLikely: z.boolean(), rule: z.string().min(3) })
      .strict()
      .nullable()
      .default(null),
    /** An anonymous complaint may be recorded as not investigated, with the reasons (Leeds para 46). */
    anonymousNotInvestigated: z.object({ rule: z.string().min(3) }).strict().nullable().default(null),
    /** Who may answer a stage, by role: "a senior officer" (Leeds paras 20, 22); refused to anyone else, and not offered. */
    stageResponders: z
      .array(z.object({ stage: slug, roles: z.array(z.enum(STAFF_ROLES)).min(1), rule: z.string().min(3) }).strict())
      .max(10)
      .default([]),
    /**
     * Role grants of plugins (`allowRoles`) the council does not accept: a grant matching an
     * entry (every field given must match) is not applied, and the rules' explanation says so.
     */
    refusedGrants: z
      .array(
        z
          .object({ plugin: slug.optional(), command: z.string().min(1).max(60).optional(), role: z.enum(STAFF_ROLES).optional(), rule: z.string().min(3) })
          .strict(),
      )
      .max(20)
      .default([]),
  })
  .strict();

/**
 * A council's correspondence settings. The sender defaults to the letterhead's email and the
 * council's name; `languages` says whether residents may have Welsh (a council in Wales must
 * offer it: Welsh Language Standards, Welsh Language (Wales) Measure 2011).
 */
export const correspondenceSchema = z
  .object({
    /** The name residents see as the sender ("Exampleton Council complaints"). */
    fromName: z.string().trim().min(1).max(120).optional(),
    /** The address residents' email comes from; the letterhead's email when not given. */
    fromEmail: z.string().trim().email("an email address, like complaints@council.gov.uk").optional(),
    /** Where replies go (the inbound mailbox the product reads), when not the sender address. */
    replyTo: z.string().trim().email("an email address, like complaints@council.gov.uk").optional(),
    /** "english": English only; "welsh-on-request": Welsh or bilingual when the resident asks; "bilingual": Welsh and English always. */
    languages: z.enum(["english", "welsh-on-request", "bilingual"]).default("english"),
    /** A reply quoting a closed case's reference: "reopen" adds it to the closed case and asks the complaints managers to decide whether to reopen it (the case stays closed until they do); "new-case" logs a new case that names it. */
    replyToClosedCase: z.enum(["reopen", "new-case"]).default("new-case"),
    /** The service a new complaint by email is logged under for triage; the first service offered to the public when not given. */
    inboundService: slug.optional(),
    /** A short satisfaction survey sent after a case closes (Leeds policy asks for satisfaction to be measured). */
    satisfactionSurvey: z
      .object({ enabled: z.boolean().default(false), daysAfterClosure: z.number().int().min(0).max(30).default(1) })
      .strict()
      .prefault({}),
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
    /**
     * Whether residents may choose it on the public form and the public API. An internal
     * service (a corporate team, a service still finishing its open cases) is not offered but
     * keeps its rules and cases (docs/decisions/0514-configuration-in-the-portal.md).
     */
    offeredToPublic: z.boolean().default(true),
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
 * What the public information pages say that the rules cannot (docs/decisions/0515): the
 * accessibility statement's dates, status and known problems (Public Sector Bodies (Websites
 * and Mobile Applications) (No. 2) Accessibility Regulations 2018 reg 7, in the shape of
 * GOV.UK's model statement) and the privacy notice's data protection officer and retention.
 * Every field is optional, so a profile written before these pages still parses.
 */
const publicInformationSchema = z
  .object({
    accessibility: z
      .object({
        /** When the council prepared (approved) the statement; absent: the date its settings last changed. */
        preparedOn: isoDate.optional(),
        reviewedOn: isoDate.optional(),
        /** When the council last had the website tested, and by whom; absent: only the product's automated checks. */
        lastTestedOn: isoDate.optional(),
        testedBy: z.string().min(1).optional(),
        /** GOV.UK's three wordings; "partial" until a full audit says otherwise. */
        compliance: z.enum(["full", "partial", "not"]).default("partial"),
        /** Problems the council's own testing found, beyond those the product knows of. */
        knownIssues: z
          .array(z.object({ issue: z.string().min(1), criterion: z.string().min(1).optional(), fixBy: isoDate.optional() }).strict())
          .default([]),
        /** The other formats and help the council offers, in its own words' order. */
        otherFormats: z.array(z.string().min(1)).min(1).default(["large print", "easy read", "audio recording", "braille", "another language"]),
      })
      .strict()
      .prefault({}),
    privacy: z
      .object({
        /** Absent: "Data Protection Officer" at the letterhead's address. */
        dataProtectionOfficer: z
          .object({ name: z.string().min(1).default("Data Protection Officer"), email: z.string().min(1).optional(), phone: z.string().min(1).optional(), addressLines: z.array(z.string().min(1)).optional(), postcode: z.string().optional() })
          .strict()
          .optional(),
        /** The council's entry on the ICO's register of fee payers. */
        icoRegistration: z.string().regex(/^[A-Z0-9]{8}$/, "8 letters and digits, as on the ICO register").optional(),
        /** How long a complaint's records are kept after it closes (the usual six years: Limitation Act 1980 s2). */
        retentionYearsAfterClosure: z.number().int().min(1).max(100).default(6),
      })
      .strict()
      .prefault({}),
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
    /**
     * The officers the council's rules name but who need not have an account here (Leeds para 28:
     * the Chief Officer Legal and the Head of Equality; the Legal Services contact for claims),
     * by the party the rules call them. Told by email; a party with no contact here is resolved
     * to staff by role (lifecycle/parties.ts), never queued to nobody (issue 16's audit).
     */
    contacts: z
      .array(
        z
          .object({
            party: slug.max(60),
            title: z.string().trim().min(1).max(200),
            name: z.string().trim().min(1).max(200),
            email: z.string().trim().email("an email address, like legal@council.gov.uk").max(320),
          })
          .strict(),
      )
      .max(50)
      .default([]),
    /** How the council's own procedure works where councils differ (issue 16; docs/decisions/0325-audit-fixes-and-claims.md). */
    procedures: proceduresSchema.prefault({}),
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
    referencePrefix: z.string().regex(/^[A-Z]{2,6}$/, "2 to 6 capital letters, like LCC").default("CMP"),
    publicInformation: publicInformationSchema.prefault({}),
    /**
     * How the council writes to residents electronically and how it treats what they send
     * back (issue 15; docs/decisions/0318-writing-to-residents.md). Every field has a default,
     * so a profile written before this section still loads.
     */
    correspondence: correspondenceSchema.prefault({}),
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
    const parties = new Set<string>();
    profile.contacts.forEach((c, i) => {
      if (parties.has(c.party)) ctx.addIssue({ code: "custom", path: ["contacts", i, "party"], message: `"${c.party}" is named twice; each party has one contact` });
      parties.add(c.party);
    });
    const codes = new Set(profile.directorates.map((d) => d.id));
    profile.singleSignOn?.groupRoles.forEach((g, i) => {
      if (g.directorate !== undefined && !codes.has(g.directorate)) {
        ctx.addIssue({ code: "custom", path: ["singleSignOn", "groupRoles", i, "directorate"], message: `there is no directorate "${g.directorate}" in this profile` });
      }
    });
  });

export type CouncilProfileInput = z.input<typeof councilProfileSchema>;
export type CouncilProfile = z.output<typeof councilProfileSchema>;

/** One thing wrong with a profile: where, what it holds there, and the rule it breaks. */
export interface ProfileProblem {
  /** Dotted, from the profile's root ("directorates.0.services.2.id"); "(root)" for the whole. */
  path: string;
  /** What the profile holds there, as JSON ("missing" when absent). */
  value: string;
  rule: string;
}

/**
 * A profile that is not valid data, naming every field at fault with the value found there.
 * A domain error (invalid input): an administrator's edit refused by the API, a profile file
 * refused by the install command, or a server that will not start.
 */
export class ProfileValidationError extends DomainError {
  override readonly name = "ProfileValidationError";
  constructor(
    readonly profileId: string,
    readonly problems: ProfileProblem[],
  ) {
    super("INVALID_INPUT", `The profile "${profileId}" is not valid: ${problems.map(describeProfileProblem).join("; ")}`);
  }
}

/** One problem as a line: `calendar.cutOffTime: HH:MM, 24-hour (found "5pm")`. */
export function describeProfileProblem(p: ProfileProblem): string {
  return `${p.path}: ${p.rule} (found ${p.value})`;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): string {
  let at: unknown = input;
  for (const key of path) {
    if (at === null || typeof at !== "object") return "missing";
    at = (at as Record<PropertyKey, unknown>)[key];
  }
  if (at === undefined) return "missing";
  const json = JSON.stringify(at);
  return json.length > 80 ? `${json.slice(0, 77)}...` : json;
}

export function parseCouncilProfile(input: unknown): CouncilProfile {
  const result = councilProfileSchema.safeParse(input);
  if (!result.success) {
    const id = typeof input === "object" && input && "id" in input ? String((input as { id: unknown }).id) : "(no id)";
    const problems = result.error.issues.flatMap((issue): ProfileProblem[] => {
      // A field the schema does not know: one problem per field, at the field itself.
      if (issue.code === "unrecognized_keys") {
        return issue.keys.map((key) => ({ path: [...issue.path, key].join("."), value: valueAt(input, [...issue.path, key]), rule: "not a field of a council profile (check its spelling)" }));
      }
      const value = valueAt(input, issue.path);
      // A field left out: say it is required, not zod's "expected object, received undefined".
      const rule = value === "missing" && issue.code === "invalid_type" ? `required (${issue.expected})` : issue.message;
      return [{ path: issue.path.join(".") || "(root)", value, rule }];
    });
    throw new ProfileValidationError(id, problems);
  }
  return result.data;
}
