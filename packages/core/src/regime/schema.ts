import { z } from "zod";
import { NATIONS } from "../calendar/bank-holidays.js";
import { LETTER_KINDS } from "../vocabulary/letters.js";
import { JURISDICTIONS } from "../vocabulary/jurisdictions.js";

/** zod schemas for rules written as data (council profiles, service settings). */
const positiveInt = z.number().int().positive();

export const periodSchema = z.union(
  [
    z.object({ workingDays: positiveInt }).strict(),
    z.object({ calendarDays: positiveInt, roll: z.enum(["none", "forward"]).optional() }).strict(),
    z.object({ calendarMonths: positiveInt, roll: z.enum(["none", "forward"]).optional() }).strict(),
  ],
  // Said in full: a union's own message ("Invalid input") does not tell a council what to write.
  { error: "a period is one of workingDays, calendarDays or calendarMonths, a whole number above 0 (calendar periods may add roll: none or forward)" },
);

export const anchorSchema = z.union([
  z.enum(["receipt", "stage-request", "escalation-request", "panel-request", "acknowledgement", "agreed-statement", "response", "matter-arose"]),
  z.templateLiteral(["milestone:", z.string().regex(/^[a-z0-9-]+$/)]),
]);

const rule = z.string().min(3, "name the rule or document the value comes from");

const intakeVariant = { field: z.string().min(1), equals: z.union([z.string(), z.boolean()]) };
export const timescaleSchema = z
  .object({ period: periodSchema, from: anchorSchema, rule, byIntake: z.array(z.object({ ...intakeVariant, period: periodSchema, rule }).strict()).optional() })
  .strict();
export const targetSchema = timescaleSchema.extend({ label: z.string().min(1) }).strict();
export const extensionSchema = z
  .object({
    maxWorkingDays: z.number().int().min(0),
    ombudsmanDetailsRequired: z.boolean(),
    rule,
    byIntake: z.array(z.object({ ...intakeVariant, maxWorkingDays: z.number().int().min(0), rule }).strict()).optional(),
  })
  .strict();
export const escalationSchema = z
  .object({ to: z.string().min(1), window: timescaleSchema.nullable(), orLaterOf: z.array(timescaleSchema).optional(), lateAllowedWithDiscretion: z.boolean(), rule })
  .strict();
export const handlerSchema = z.object({ independentOf: z.array(z.string()), rule }).strict();
const letterKindSchema = z.enum(LETTER_KINDS);
const holdingSchema = z.intersection(periodSchema, z.object({ rule }));

export const stageSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/, "stage ids are kebab-case"),
    label: z.string().min(1),
    acknowledge: timescaleSchema.nullable(),
    respond: timescaleSchema,
    responsePeriodAgreeable: z.boolean(),
    target: targetSchema.nullable(),
    extension: extensionSchema.nullable(),
    holdingInterval: holdingSchema.nullable(),
    escalation: escalationSchema.nullable(),
    referBackTo: z.string().nullable(),
    handler: handlerSchema.nullable(),
    signedByResponsiblePerson: z.boolean(),
    acknowledgementLetter: letterKindSchema,
    responseLetter: letterKindSchema,
    milestones: z
      .array(z.object({ id: z.string().regex(/^[a-z0-9-]+$/), label: z.string().min(1), period: periodSchema, from: anchorSchema, rule }).strict())
      .optional(),
    openedByTriage: z.object({ rule }).strict().nullable().optional(),
  })
  .strict();

export const stageOverrideSchema = stageSchema.omit({ id: true }).partial().strict();

export type NextBodyShape = {
  id: string;
  name: string;
  window: z.infer<typeof timescaleSchema> | null;
  rule: string;
  then?: NextBodyShape;
};
export const nextBodySchema: z.ZodType<NextBodyShape> = z.lazy(() =>
  z
    .object({
      id: z.string().min(1),
      name: z.string().min(1),
      window: timescaleSchema.nullable(),
      rule,
      then: nextBodySchema.optional(),
    })
    .strict(),
);

/** A layer of overrides as data: what a council profile or a service setting may change. */
export const ruleOverridesSchema = z
  .object({
    /** The document these values come from, used when a value names no rule of its own. */
    source: z.string().min(3).optional(),
    /** The case kinds these settings apply to; every kind when omitted. */
    kinds: z.array(z.enum(["complaint", "compliment", "comment", "member-enquiry", "foi-eir-review", "service-request"])).min(1).optional(),
    stages: z.record(z.string(), stageOverrideSchema).optional(),
    addStages: z.array(z.object({ after: z.string(), stage: stageSchema }).strict()).optional(),
    skipStages: z.array(z.object({ stage: z.string(), reason: z.string().min(3) }).strict()).optional(),
    nextBody: nextBodySchema.optional(),
    nations: z.array(z.enum(NATIONS)).min(1).optional(),
    nationsRule: z.string().optional(),
    councilClosures: z.boolean().optional(),
    timeLimit: holdingSchema.nullable().optional(),
    feedbackAcknowledge: timescaleSchema.nullable().optional(),
    wronglyAddressedReturn: timescaleSchema.nullable().optional(),
    jurisdiction: z.enum(JURISDICTIONS).optional(),
    dayCounting: z.object({ firstDay: z.union([z.literal(0), z.literal(1)]), rule }).strict().optional(),
  })
  .strict();

export type RuleOverrides = z.infer<typeof ruleOverridesSchema>;
