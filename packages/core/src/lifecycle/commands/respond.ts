import { z } from "zod";
import { formatShort } from "../../calendar/dates.js";
import { chosenId, id, isoDate, text } from "../../input/fields.js";
import { refuse } from "../refusals.js";
import { tellHeadOfService } from "../procedures.js";
import { caseworkers, defineCommand, onField } from "./define.js";
import { FINANCIAL_KINDS, OUTCOMES, REMEDY_TYPES } from "../../vocabulary/index.js";
import type { CaseState, StageInstance } from "../types.js";
import type { Ctx } from "./define.js";
import type { StageRules } from "../../regime/types.js";
import {
  DELEGATION_RULE,
  delegatedLimitOf,
  pendingApproval,
  pounds,
  requireActiveStage,
  requireApproved,
  rulesOfStage,
  sendLetter,
  stageRules,
  workingStage,
} from "./shared.js";

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

/** A response as proposed: what `respond` records, and what `request-approval` keeps for approval. */
export const proposedResponse = z.object({
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
});

const payload = proposedResponse.extend({
  /** The approval of remedies above the officer's delegated limit (request-approval, decide-approval). */
  approvalId: z.string().min(1).max(60).optional(),
  ...onField,
});

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
  apply(state, command, ctx) {
    const { rules, on } = ctx;
    const { stage, rule } = checkResponse(state, command, ctx);
    const approval = command.approvalId ? requireApproved(state, command.approvalId, "send the response") : undefined;
    if (approval) {
      if (approval.kind !== "remedies" || approval.stageSequence !== stage.sequence) refuse("INVALID_INPUT", `That approval is not for the response to ${stage.label}`);
      // What is sent is what was approved: a changed payment needs approving again.
      if (paymentsOf(approval.proposal?.remedies ?? []) !== paymentsOf(command.remedies ?? [])) {
        refuse("REMEDY_OVER_LIMIT", `The payments differ from those approved on ${formatShort(approval.decision!.on)}; ask for approval of the changed remedies`, DELEGATION_RULE);
      }
    } else {
      const pending = pendingApproval(state, { stageSequence: stage.sequence });
      if (pending) refuse("NOT_ALLOWED_NOW", `The response waits for the approval asked for on ${formatShort(pending.requestedOn)}; send it once it is approved`, DELEGATION_RULE);
    }
    const remedies = (command.remedies ?? []).map((r) => {
      if (r.type === "financial") {
        if (approval) {
          // The approver is whoever approved it, recorded by core, not typed by anyone.
          r = { ...r, approverId: approval.decision!.by };
        } else {
          // Without an approval the one who sends the response approves its payments, within
          // their own delegated limit: naming someone else as the approver would skip the
          // approval flow (request-approval, decide-approval), so it is refused.
          if (r.approverId && r.approverId !== command.by.id) {
            refuse("NOT_ALLOWED_NOW", "A payment approved by someone else needs their approval on the case: ask for approval, and send the response once it is approved", DELEGATION_RULE);
          }
          r = { ...r, approverId: command.by.id };
          if (rules.delegatedLimits.length) {
            const limit = delegatedLimitOf(rules, command.by.roles);
            if (r.amountPence! > limit) {
              refuse("REMEDY_OVER_LIMIT", `${pounds(r.amountPence!)} is above your delegated limit of ${pounds(limit)}; ask someone with a higher limit to approve it`, DELEGATION_RULE);
            }
          }
        }
      }
      const { physicalInjury: _injury, ...kept } = r;
      return { ...kept, completedOn: null };
    });
    if (approval) approval.usedOn = on;
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

/**
 * What a response must have whether it is sent now or first proposed for approval: the stage
 * acknowledged, a date after it, the reasons, the signatory, and payments that may be made at
 * all (never for physical injury, an amount greater than nothing).
 */
export function checkResponse(state: CaseState, command: { reasons: string; signedBy?: string | null | undefined; remedies?: ReadonlyArray<z.output<typeof remedy>> | undefined }, ctx: Pick<Ctx, "rules" | "on">): { stage: StageInstance; rule: StageRules } {
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
  for (const r of command.remedies ?? []) {
    if (r.type !== "financial") continue;
    if (r.physicalInjury) {
      refuse("REMEDY_PHYSICAL_INJURY", "A financial remedy is never offered for physical injury: refer the claim to Legal / insurance", "Leeds policy: remedies and goodwill gestures");
    }
    if (!r.amountPence || r.amountPence <= 0 || !Number.isInteger(r.amountPence)) refuse("INVALID_INPUT", "A financial remedy needs an amount in pence greater than 0");
  }
  return { stage, rule };
}

/** The payments of a response, to compare what is sent with what was approved. */
function paymentsOf(remedies: ReadonlyArray<{ type: string; amountPence?: number | undefined; financialKind?: string | undefined; description: string }>): string {
  return JSON.stringify(remedies.filter((r) => r.type === "financial").map((r) => [r.amountPence, r.financialKind ?? null, r.description.trim()]));
}

