import { z } from "zod";
import { formatShort } from "../../calendar/dates.js";
import { text } from "../../input/fields.js";
import { refuse } from "../refusals.js";
import { CLAIM_BASES, CLAIM_BASIS_LABELS } from "../../vocabulary/index.js";
import { caseworkers, defineCommand, onField } from "./define.js";
import { closeCase, requireActiveStage, sendLetter, workingStage } from "./shared.js";

/**
 * A complaint that seeks damages, or is about a physical injury, goes to Legal Services as a
 * claim: no goodwill gesture is made for physical injury, and a claim for more than a goodwill
 * gesture is decided by Legal Services on legal liability (Leeds policy paras 70–71). Legal is
 * told in the same step (the council's Legal contact, or its Legal Services staff), the resident
 * gets the step's letter (decision 0321), and the complaint waits for the claim or ends, as the
 * council's profile says (`procedures.claims`; docs/decisions/0325-audit-fixes-and-claims.md).
 */
export const referClaim = defineCommand({
  type: "refer-claim",
  label: "Refer to Legal as a claim",
  done: "Referred to Legal as a claim",
  payload: z.object({
    basis: z.enum(CLAIM_BASES, "Choose what the claim is for"),
    details: text("what is claimed", 4000),
    ...onField,
  }),
  roles: caseworkers,
  can: (state) => workingStage(state) !== undefined && !state.claim,
  apply(state, command, ctx) {
    const { rules, on } = ctx;
    const stage = requireActiveStage(state, "refer it to Legal as a claim");
    if (state.claim) refuse("NOT_ALLOWED_NOW", `This complaint was already referred to Legal Services as a claim on ${formatShort(state.claim.on)}`);
    if (!command.details.trim()) refuse("INVALID_INPUT", "Say what is claimed (the loss or the injury)");
    const policy = rules.procedures.claims;
    state.claim = { on, basis: command.basis, details: command.details, then: policy.onReferral };
    ctx.effects.push({ type: "legal-referral", reason: `A claim for ${CLAIM_BASIS_LABELS[command.basis].toLowerCase()}: ${command.details} (Leeds policy paras 70–71; ${policy.rule})` });
    sendLetter(state, ctx, "claim-referral", stage.stageId);
    const pause = stage.pauses.at(-1);
    if (policy.onReferral === "close") {
      if (pause && !pause.to) pause.to = on;
      stage.endedOn = on;
      closeCase(state, on, "referred-to-legal", command.details);
    } else if (stage.phase !== "paused") {
      stage.pauses.push({ from: on, to: null, reason: "Referred to Legal Services as a claim" });
      stage.phase = "paused";
    }
  },
});
