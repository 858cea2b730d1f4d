import type { ResolvedRules } from "../plugin/resolved.js";
import { availableCommands } from "./available.js";
import { COMMANDS } from "./commands/index.js";
import { currentStage, isFeedback, rulesOfStage, workingStage } from "./commands/shared.js";
import type { Actor, CaseState, CommandType } from "./types.js";

/** A step the rules expect next, and the due date (`computeDueDates` id) it answers, if any. */
export interface NextStep {
  command: Exclude<CommandType, "log">;
  dueId: string | null;
}

/**
 * The one or two steps the rules expect next on a case, for this actor: what the case page
 * offers first (issue 16, "the case page leads"). The order is the 2024 code's path (docs/rules.md):
 * triage, acknowledge (HO/LGSCO code 6.2), give the stage a handler, respond (code 6.3), close.
 * Only commands the actor is offered now are returned (availableCommands and the command's
 * roles), so the case page never leads with a step the API would refuse for the role.
 */
export function nextSteps(state: CaseState, rules: ResolvedRules, actor: Actor): NextStep[] {
  const roles = new Set<string>(actor.roles);
  const offered = new Set(
    availableCommands(state, rules, actor).filter(
      (type) =>
        type !== "log" &&
        COMMANDS[type as NextStep["command"]].roles.some((role) => roles.has(role)),
    ),
  );
  const stage = currentStage(state);
  const key = stage ? `${stage.stageId}#${stage.sequence}` : null;
  const wanted: NextStep[] = [];
  const want = (command: NextStep["command"], dueId: string | null = null) => {
    if (offered.has(command)) wanted.push({ command, dueId });
  };
  if (state.status === "closed") return [];
  if (state.status === "new") {
    want("triage");
  } else if (isFeedback(state)) {
    if (!state.feedbackAcknowledgedOn && state.customer)
      want("acknowledge-feedback", "feedback.acknowledge");
    else want("close");
  } else if (state.kind === "service-request") {
    want("close");
  } else {
    const working = workingStage(state);
    if (working) {
      const mustAcknowledge =
        !working.acknowledgedOn && !!rulesOfStage(rules, working.stageId)?.acknowledge;
      // A stage without a handler is given one first: the acknowledgement letter says who is
      // dealing with the complaint (its required content, packages/letters/src/required-content.ts), so it waits
      // for a handler. Someone who may not assign, or a stage with its handler, goes on.
      const assigning = !working.handlerId && offered.has("assign");
      if (working.phase === "paused") want("resume");
      if (assigning) want("assign");
      if (mustAcknowledge) want("acknowledge", `${key}.acknowledge`);
      else if (!assigning && working.phase !== "paused") want("respond", `${key}.respond`);
    } else if (stage?.phase === "responded") {
      // The response ends the stage; the case closes (an escalation, when the resident asks,
      // reopens it: escalate.ts), so closing is what is expected.
      want("close");
    }
  }
  return wanted.slice(0, 2);
}
