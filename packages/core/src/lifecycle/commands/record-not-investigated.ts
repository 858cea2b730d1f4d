import { z } from "zod";
import { text } from "../../input/fields.js";
import { refuse } from "../refusals.js";
import { caseworkers, defineCommand, onField } from "./define.js";
import { closeCase, requireActiveStage, workingStage } from "./shared.js";
import type { CaseState } from "../types.js";

/** Nobody to write to: neither a customer nor a representative. */
const anonymous = (state: CaseState) => !state.customer && !state.representative;

/**
 * An anonymous complaint the investigating officer judges may be malicious is not fully
 * investigated, in consultation with the DCRO, and the reasons are recorded (Leeds policy
 * para 46). Only where the council's profile allows it (`procedures.anonymousNotInvestigated`);
 * the complaint stays on record and in the figures (para 45), closed as not investigated.
 */
export const recordNotInvestigated = defineCommand({
  type: "record-not-investigated",
  label: "Record as not investigated",
  done: "Recorded as not investigated",
  payload: z.object({ reason: text("why it is not investigated", 4000), ...onField }),
  roles: caseworkers,
  can: (state, rules) => !!rules.procedures.anonymousNotInvestigated && anonymous(state) && workingStage(state) !== undefined,
  apply(state, command, { rules, on }) {
    const allowed = rules.procedures.anonymousNotInvestigated;
    if (!allowed) refuse("NOT_ALLOWED_NOW", "This council's procedure has every complaint investigated; respond to it, or record that it was withdrawn");
    const stage = requireActiveStage(state, "record it as not investigated");
    if (!anonymous(state)) {
      const who = state.representative?.name ?? state.customer?.name ?? "the complainant";
      refuse("NOT_ALLOWED_NOW", `Only an anonymous complaint may be left uninvestigated; this one is from ${who}`, allowed.rule);
    }
    if (!command.reason.trim()) refuse("INVALID_INPUT", "Record the reasons for not investigating it", allowed.rule);
    const pause = stage.pauses.at(-1);
    if (pause && !pause.to) pause.to = on;
    stage.endedOn = on;
    closeCase(state, on, "not-investigated", command.reason);
  },
});
