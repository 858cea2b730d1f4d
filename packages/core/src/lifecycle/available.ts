import type { ResolvedRules } from "../plugin/resolved.js";
import { COMMAND_TYPES, COMMANDS } from "./commands/index.js";
import { currentStage, unmetRoleRequirement } from "./commands/shared.js";
import type { Actor, CaseState, CommandType } from "./types.js";

/**
 * The commands that make sense for a case right now (the portal offers only these), in the
 * registry's order: each command module's `can`, and, given an actor, the roles the rules
 * require of them. A command listed here may still be refused for its particulars (an
 * extension too long); one not listed would always be refused in this state.
 */
export function availableCommands(state: CaseState, rules: ResolvedRules, actor?: Actor): CommandType[] {
  const stage = currentStage(state);
  return COMMAND_TYPES.filter(
    (type) => COMMANDS[type].can(state, rules, stage) && (!actor || !unmetRoleRequirement(rules, type, stage?.stageId, actor.roles)),
  );
}
