import { z } from "zod";
import { chosenId } from "../../input/fields.js";
import type { ResolvedRules } from "../../plugin/resolved.js";
import { refuse } from "../refusals.js";
import type { CaseState, RefusalCode, StageInstance } from "../types.js";
import { coordinators, defineCommand, onField, type CommandOf } from "./define.js";
import { requireActiveStage, rulesOfStage, stageRules, workingStage } from "./shared.js";

const payload = z.object({ handlerId: chosenId("the investigating officer"), reason: z.string().trim().max(1000).optional(), ...onField });

/**
 * The handler's name is the council's record, filled in by the caller (the API reads it from
 * the staff list), never the client's: refusals name the person, not their id (issue 16).
 */
type AssignCommand = CommandOf<"assign", typeof payload> & { handlerName?: string | undefined };

/**
 * Why a person may not handle the stage (never someone the complaint names, nor the handler of
 * a stage this one must be independent of), or null: `assign` refuses with it, and the API's
 * list of people who may take a case marks them with it.
 */
export function handlerRefusal(
  state: CaseState,
  rules: ResolvedRules,
  stage: StageInstance,
  handlerId: string,
  handlerName: string | undefined,
): { code: RefusalCode; message: string; rule: string } | null {
  const who = handlerName ?? "The person chosen";
  if (state.aboutStaffIds.includes(handlerId)) {
    const rule = "Leeds policy: complaints about staff are not investigated by the person complained about";
    return { code: "CONFLICT_OF_INTEREST", message: `${who} is named in the complaint and may not investigate it`, rule };
  }
  const handler = rulesOfStage(rules, stage.stageId)?.handler;
  for (const earlierId of handler?.independentOf ?? []) {
    const earlier = state.stages.filter((s) => s.stageId === earlierId);
    if (earlier.some((s) => s.handlerId === handlerId || s.previousHandlerIds.includes(handlerId))) {
      return { code: "HANDLER_NOT_INDEPENDENT", message: `${who} handled ${earlier[0]!.label}, so cannot handle ${stage.label}`, rule: handler!.rule };
    }
  }
  return null;
}

/** Gives the working stage its handler: never someone the complaint names, nor an earlier stage's. */
export const assign = defineCommand({
  type: "assign",
  label: "Assign",
  done: "Assigned",
  payload,
  roles: [...coordinators, "head-of-service"],
  can: (state) => workingStage(state) !== undefined,
  apply(state, command: AssignCommand, { rules }) {
    const stage = requireActiveStage(state, "assign a handler");
    stageRules(rules, stage.stageId);
    const refusal = handlerRefusal(state, rules, stage, command.handlerId, command.handlerName);
    if (refusal) refuse(refusal.code, refusal.message, refusal.rule);
    if (stage.handlerId && stage.handlerId !== command.handlerId) stage.previousHandlerIds.push(stage.handlerId);
    stage.handlerId = command.handlerId;
  },
});
