import type { IsoDate } from "../calendar/dates.js";
import type { ResolvedRules } from "../plugin/resolved.js";
import { OUTCOME_LABELS, type Outcome } from "../vocabulary/index.js";
import type { CaseState, Effect, StageInstance } from "./types.js";

/**
 * Southwark procedure, 'Stage two investigations': the Head of Service is notified with the
 * reasons when Stage 2 does not uphold the complaint, and before the response is sent where an
 * Ombudsman referral is likely (decision 0325). The council's profile says at which stages and
 * when (`procedures.headOfServiceTold`); the message goes with the response's step, ahead of its
 * letter, and the case records who was told, as a 'notify' step would.
 */
export function tellHeadOfService(
  state: CaseState,
  rules: ResolvedRules,
  stage: StageInstance,
  response: { on: IsoDate; outcome: Outcome; reasons: string; ombudsmanLikely: boolean },
  effects: Effect[],
): void {
  const told = rules.procedures.headOfServiceTold;
  if (!told || !told.stages.includes(stage.stageId)) return;
  const why: string[] = [];
  if (told.notUpheld && response.outcome === "not-upheld") why.push(`${stage.label} is ${OUTCOME_LABELS[response.outcome].toLowerCase()}`);
  if (told.ombudsmanLikely && response.ombudsmanLikely) why.push("the complainant is likely to go to the Ombudsman");
  if (why.length === 0) return;
  const reason = `${why.join(", and ")} (${told.rule}). The reasons: ${response.reasons}`;
  state.notified.push({ party: "head-of-service", on: response.on, reason });
  effects.push({ type: "notify", party: "head-of-service", reason });
}
