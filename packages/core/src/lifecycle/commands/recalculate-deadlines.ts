import { z } from "zod";
import { dueDateChanges } from "../../deadlines/due-dates.js";
import { text } from "../../input/fields.js";
import { refuse } from "../refusals.js";
import { defineCommand, onField } from "./define.js";

/**
 * A calendar change (a new bank holiday, a closure day) moves the future deadlines of open
 * cases, with an audit event naming what moved (docs/design.md §4); closed cases keep the
 * performance they were measured on. `transition` recomputes the due dates after every command,
 * so this one only records the changes.
 */
export const recalculateDeadlines = defineCommand({
  type: "recalculate-deadlines",
  label: "Recalculate deadlines",
  done: "Deadlines recalculated (calendar changed)",
  payload: z.object({ reason: text("why the deadlines are recalculated", 1000), ...onField }),
  roles: ["complaints-manager"],
  can: (state) => state.status !== "closed",
  apply(state, command, ctx) {
    if (state.status === "closed") refuse("NOT_ALLOWED_NOW", `Case ${state.reference} is closed; its deadlines are history and are not recalculated`);
    if (!command.reason.trim()) refuse("INVALID_INPUT", "Say why the deadlines are recalculated (e.g. a new bank holiday)");
    ctx.eventData = { changes: dueDateChanges(state, ctx.rules, ctx.today) };
  },
});
