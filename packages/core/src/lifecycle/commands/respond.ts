import { z } from "zod";
import { formatShort } from "../../calendar/dates.js";
import { chosenId, id, isoDate, text } from "../../input/fields.js";
import { refuse } from "../refusals.js";
import { tellHeadOfService } from "../procedures.js";
import type { Role } from "../../vocabulary/index.js";
import { caseworkers, defineCommand, onField, type CommandOf } from "./define.js";
import { FINANCIAL_KINDS, OUTCOMES, REMEDY_TYPES } from "../../vocabulary/index.js";
import { requireActiveStage, rulesOfStage, sendLetter, stageRules, workingStage } from "./shared.js";

const remedy = z.object({
  id: z.string().min(1).max(60),
  type: z.enum(REMEDY_TYPES),
  description: text("the remedy", 2000),
  ownerId: id.nullable(),
  dueOn: isoDate.nullable(),
  amountPence: z.number().int().positive().max(100_000_000, "at most £1,000,000").optional(),
  financialKind: z.enum(FINANCIAL_KINDS).optional(),
  approverId: id.optional(),
  physicalInjury: z.boolean().optional(),
});

const payload = z.object({
  outcome: z.enum(OUTCOMES, "Choose the outcome"),
  reasons: text("the reasons for the decision", 20_000),
  remedies: z.array(remedy).max(20).optional(),
  outstandingActions: z.array(z.string().trim().min(1).max(1000)).max(20).optional(),
  learning: z
    .object({
      rootCause: z.string().trim().max(2000).nullable().optional(),
      lessons: z.string().trim().max(4000).nullable().optional(),
      improvementActions: z
        .array(z.object({ id: z.string().min(1).max(60), description: text("the action", 2000), ownerId: chosenId("the owner of the improvement action"), dueOn: isoDate }))
       .max(20).optional(),
    })
    .optional(),
  signedBy: z.string().max(200).nullish(),
  /** The officer expects the complainant to go to the Ombudsman (Southwark: the Head of Service is told first). */
  ombudsmanLikely: z.boolean().optional(),
  ...onField,
});

/**
 * A financial remedy is checked against its approver's delegated limit: the approver's roles
 * come from the council's records (the API fills them in), never from the client.
 */
type RespondCommand = Omit<CommandOf<"respond", typeof payload>, "remedies"> & {
  remedies?: Array<z.output<typeof remedy> & { approverRoles?: Role[] }> | undefined;
};

/** Answers the working stage: the outcome, the reasons, the remedies and the lessons. */
export const respond = defineCommand({
  type: "respond",
  label: "Respond with outcome",
  done: "Response sent",
  payload,
  roles: [...caseworkers, "head-of-service", "director", "legal"],
  can: (state, rules) => {
    const stage = workingStage(state);
    return !!stage && (!!stage.acknowledgedOn || !rulesOfStage(rules, stage.stageId)?.acknowledge);
  },
  apply(state, command: RespondCommand, ctx) {
    const { rules, on } = ctx;
    const stage = requireActiveStage(state, "respond");
    const rule = stageRules(rules, stage.stageId);
    if (rule.acknowledge && !stage.acknowledgedOn) refuse("NOT_ALLOWED_NOW", `Acknowledge ${stage.label} before responding`, rule.acknowledge.rule);
    // A response dated before its acknowledgement would report the stage answered before it was
    // acknowledged (issue 16's audit: records corrected or imported with the wrong date).
    if (stage.acknowledgedOn && on < stage.acknowledgedOn) refuse("DATE_INVALID", `The response cannot be dated ${formatShort(on)}, before ${stage.label} was acknowledged on ${formatShort(stage.acknowledgedOn)}`);
    if (!command.reasons.trim()) refuse("INVALID_INPUT", "Give the reasons for the decision", "Complaint handling code 2024 6.x: the response sets out the decision and the reasons");
    if (rule.signedByResponsiblePerson && !command.signedBy) {
      refuse("SIGNATORY_REQUIRED", "The response must be signed by the responsible person", "SI 2009/309 reg 14(1)");
    }
    const remedies = (command.remedies ?? []).map((r) => {
      if (r.type === "financial") {
        if (r.physicalInjury) {
          refuse("REMEDY_PHYSICAL_INJURY", "A financial remedy is never offered for physical injury: refer the claim to Legal / insurance", "Leeds policy: remedies and goodwill gestures");
        }
        if (!r.amountPence || r.amountPence <= 0 || !Number.isInteger(r.amountPence)) refuse("INVALID_INPUT", "A financial remedy needs an amount in pence greater than 0");
        if (!r.approverId) refuse("INVALID_INPUT", "A financial remedy needs the approver recorded");
        if (rules.delegatedLimits.length) {
          const approverRoles: readonly string[] = r.approverId === command.by.id ? command.by.roles : (r.approverRoles ?? []);
          const limit = Math.max(0, ...rules.delegatedLimits.filter((l) => approverRoles.includes(l.role)).map((l) => l.maxPence));
          if (r.amountPence > limit) {
            refuse(
              "REMEDY_OVER_LIMIT",
              `£${(r.amountPence / 100).toFixed(2)} is above the approver's delegated limit of £${(limit / 100).toFixed(2)}; ask someone with a higher limit to approve it`,
              "Council profile: delegated financial limits",
            );
          }
        }
      }
      const { physicalInjury: _injury, approverRoles: _roles, ...kept } = r;
      return { ...kept, completedOn: null };
    });
    stage.response = {
      on,
      sent: null,
      outcome: command.outcome,
      reasons: command.reasons,
      remedies,
      outstandingActions: command.outstandingActions ?? [],
      learning: {
        rootCause: command.learning?.rootCause ?? null,
        lessons: command.learning?.lessons ?? null,
        improvementActions: command.learning?.improvementActions ?? [],
      },
      signedBy: command.signedBy ?? null,
      handlerId: stage.handlerId,
    };
    const pause = stage.pauses.at(-1);
    if (pause && !pause.to) pause.to = on;
    stage.phase = "responded";
    tellHeadOfService(state, rules, stage, { on, outcome: command.outcome, reasons: command.reasons, ombudsmanLikely: command.ombudsmanLikely ?? false }, ctx.effects);
    sendLetter(state, ctx, rule.responseLetter, stage.stageId);
  },
});
