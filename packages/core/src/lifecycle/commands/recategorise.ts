import { z } from "zod";
import { FLAG_LABELS, FLAGS, isRestrictingFlag, type Flag } from "../../vocabulary/index.js";
import { refuse } from "../refusals.js";
import { caseworkers, defineCommand, onField } from "./define.js";

/** Southwark's procedure: a priority (high or normal) is decided with its reasons and the team told. */
export const PRIORITY_RULE = "Southwark complaint handling procedure: categorisation and prioritisation";
/** Restricted cases are read only by the restricted readers and the handler (docs/design.md §7). */
const RESTRICTION_RULE = "docs/design.md §7: complaints about staff, discrimination, harassment and safeguarding are restricted";

const flagList = z.array(z.enum(FLAGS, "Choose a flag from the list")).max(FLAGS.length);
const optionalText = (what: string, max: number) => z.string().trim().max(max, `Keep ${what} under ${max} characters`).nullish();

const describeFlags = (flags: readonly Flag[]) => flags.map((f) => `"${FLAG_LABELS[f]}"`).join(", ");

/**
 * Corrects how a case is classified: its category and sub-category, its priority (raising it
 * to high says why, as logging does), and its flags. Any part may be sent alone (a bulk "add
 * a flag" sends only `addFlags`); the event keeps the values before and after. Adding a
 * restricting flag narrows who may see the case at once (the row's `restricted` mirror);
 * taking one off widens it, so it needs a reason.
 */
export const recategorise = defineCommand({
  type: "recategorise",
  label: "Change category, priority or flags",
  done: "Category, priority or flags changed",
  payload: z.object({
    category: optionalText("the category", 200),
    subCategory: optionalText("the sub-category", 200),
    priority: z.enum(["high", "normal"], "Choose the priority").optional(),
    priorityReason: optionalText("why it is high priority", 1000),
    addFlags: flagList.optional(),
    removeFlags: flagList.optional(),
    reason: optionalText("the reason", 1000),
    ...onField,
  }),
  roles: [...caseworkers, "head-of-service"],
  can: () => true,
  apply(state, command, ctx) {
    const before = { category: state.category, subCategory: state.subCategory, priority: { ...state.priority }, flags: [...state.flags] };
    const adding = [...new Set(command.addFlags ?? [])];
    const removing = [...new Set(command.removeFlags ?? [])];
    const both = adding.filter((f) => removing.includes(f));
    if (both.length) refuse("INVALID_INPUT", `Either add or remove ${describeFlags(both)}, not both`);

    if (command.category !== undefined) state.category = command.category || null;
    if (command.subCategory !== undefined) state.subCategory = command.subCategory || null;
    if (command.priority !== undefined && command.priority !== state.priority.level) {
      if (state.status === "closed") refuse("NOT_ALLOWED_NOW", `Case ${state.reference} is closed; its priority no longer orders any work`);
      const reason = command.priorityReason?.trim() || null;
      if (command.priority === "high" && !reason) refuse("INVALID_INPUT", "Say why the case is high priority (a risk to health or safety, a vulnerable resident…)", PRIORITY_RULE);
      state.priority = { level: command.priority, reason: command.priority === "high" ? reason : null };
    }
    const removedRestriction = removing.filter((f) => state.flags.includes(f) && isRestrictingFlag(f));
    if (removedRestriction.length && !command.reason?.trim()) {
      refuse("INVALID_INPUT", `Say why ${describeFlags(removedRestriction)} no longer applies: taking it off lets more people see the case`, RESTRICTION_RULE);
    }
    state.flags = [...state.flags.filter((f) => !removing.includes(f)), ...adding.filter((f) => !state.flags.includes(f))];

    const after = { category: state.category, subCategory: state.subCategory, priority: state.priority, flags: state.flags };
    if (JSON.stringify(after) === JSON.stringify(before)) {
      const already = adding.length && adding.every((f) => before.flags.includes(f)) ? `: it already has ${describeFlags(adding)}` : "";
      refuse("INVALID_INPUT", `Nothing would change on case ${state.reference}${already}`);
    }
    ctx.eventData = { before, after };
  },
});
