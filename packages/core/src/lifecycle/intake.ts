import { z } from "zod";
import { CASE_KINDS, CHANNELS, FLAGS, REPRESENTATIVE_ROLE_LABELS, REPRESENTATIVE_ROLES } from "../vocabulary/case.js";
import { personName } from "./names.js";
import { refuse } from "./refusals.js";
import type { Representative } from "./types.js";

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date as YYYY-MM-DD");

export const representativeSchema = z
  .object({
    name: personName({ missing: "Enter the representative's name" }),
    role: z.enum(REPRESENTATIVE_ROLES, "Choose who the representative is"),
    consent: z
      .object({ basis: z.enum(["written", "verbal", "elected-member"], "Choose how consent was given"), recordedOn: isoDate })
      .strict()
      .nullable(),
    replyTo: z.enum(["representative", "customer"]).default("representative"),
  })
  .strict();

/**
 * The fields every case is logged with (docs/design.md §3). Plugins extend this with their own
 * fields (tenancy reference…) through `extendIntake`, inside `intake`.
 */
export const baseIntakeShape = {
  kind: z.enum(CASE_KINDS),
  channel: z.enum(CHANNELS),
  receivedAt: z.union([z.string().datetime({ offset: true }), z.date()]),
  matterArose: isoDate.nullable().optional(),
  customer: z.object({ id: z.string().min(1), name: personName({ missing: "the customer's name" }) }).strict().nullable(),
  representative: representativeSchema.nullable().optional(),
  description: z.string().trim().min(1, "describe the complaint").max(20_000),
  desiredOutcome: z.string().trim().max(5_000).nullable().optional(),
  serviceId: z.string().min(1),
  otherServiceIds: z.array(z.string()).optional(),
  category: z.string().max(200).nullable().optional(),
  subCategory: z.string().max(200).nullable().optional(),
  priority: z
    .object({ level: z.enum(["high", "normal"]), reason: z.string().trim().max(1000).nullable() })
    .strict()
    .refine((p) => p.level === "normal" || (p.reason !== null && p.reason.length > 0), {
      message: "say why the case is high priority",
    })
    .optional(),
  flags: z.array(z.enum(FLAGS)).optional(),
  aboutStaffIds: z.array(z.string()).optional(),
} satisfies z.ZodRawShape;

/** Plugin intake fields live under `intake`; this schema checks both levels. */
export function intakeFieldsOf(command: Record<string, unknown>): Record<string, unknown> {
  const { intake, ...rest } = command;
  return { ...rest, ...(typeof intake === "object" && intake !== null ? (intake as Record<string, unknown>) : {}) };
}

/**
 * A representative acts for the customer only with their consent, which an elected member
 * needs no separate record of: checked when a case is logged and when its details are edited.
 */
export function checkRepresentative(rep: Representative): void {
  if (!rep.consent) {
    refuse(
      "INVALID_INPUT",
      `Record the customer's consent for ${rep.name} to act for them; an MP, councillor or mayor acting for a resident needs no separate consent`,
      "Data Protection Act 2018 Sch 1 para 24; complaint handling code 1.2 (representatives)",
    );
  }
  if (rep.consent.basis === "elected-member" && !["mp", "councillor", "mayor"].includes(rep.role)) {
    refuse("INVALID_INPUT", `Only an elected member acts without separate consent; ${rep.name} is recorded as ${REPRESENTATIVE_ROLE_LABELS[rep.role].toLowerCase()}`, "Data Protection Act 2018 Sch 1 para 24");
  }
}
