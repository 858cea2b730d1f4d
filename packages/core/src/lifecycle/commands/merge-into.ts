import { z } from "zod";
import { text } from "../../input/fields.js";
import { refuse } from "../refusals.js";
import type { OtherCase } from "../types.js";
import { addLink, refuseSelf, requireOther } from "./case-links.js";
import { coordinators, defineCommand, onField, type CommandOf } from "./define.js";
import { closeCase, currentStage, isOpenPhase } from "./shared.js";

const payload = z.object({
  reference: text("the reference of the case to keep", 40),
  note: z.string().trim().max(2000).nullish(),
  ...onField,
});

/**
 * A duplicate found after triage is merged into the case kept (issue 16): it closes as
 * "merged" (a closure reason of its own, so reports count the complaint once, through the case
 * kept), its timeline, letters and files stay where they are and the case kept lists them. The
 * API runs `merge-in` on the case kept in the same transaction (services/case-links.ts). The
 * refusals and why: docs/decisions/0106-merge-link-split.md.
 */
export const mergeInto = defineCommand({
  type: "merge-into",
  label: "Merge into another case",
  done: "Merged into another case",
  payload,
  roles: ["customer-services", ...coordinators],
  can: (state) => state.status === "open",
  apply(state, command: CommandOf<"merge-into", typeof payload> & { other?: OtherCase }, { on }) {
    const kept = requireOther(command.other, "merge it into");
    refuseSelf(state, kept, "merged into");
    if (state.status === "closed") refuse("NOT_ALLOWED_NOW", `Case ${state.reference} is closed${state.closure?.reason === "merged" ? " (already merged)" : ""}; only an open case can be merged`);
    if (state.status === "new") refuse("NOT_ALLOWED_NOW", `Case ${state.reference} has not been triaged: triage it as a duplicate of ${kept.reference} instead`);
    if (kept.status === "closed") refuse("NOT_ALLOWED_NOW", `Case ${kept.reference} is closed: reopen it first, or link the two cases instead`);
    // The resident's standing at the later stage would be lost in an earlier one (its clock,
    // its right to go to the Ombudsman next): the case further on is the one to keep.
    const stage = currentStage(state);
    if (stage && stage.sequence > (kept.stage?.sequence ?? 0)) {
      refuse(
        "NOT_ALLOWED_NOW",
        `${state.reference} has reached ${stage.label}, further than ${kept.reference} (${kept.stage?.label ?? "not started"}): merge ${kept.reference} into ${state.reference} instead`,
        "complaint handling code 6 (the stages a complaint has reached)",
      );
    }
    // One resident's complaint must not go on in another's case, their letters to the other:
    // different people complaining of the same thing are linked, not merged.
    if (state.customer && kept.customer?.id !== state.customer.id) {
      refuse(
        "NOT_ALLOWED_NOW",
        `${state.reference} is ${state.customer.name}'s complaint and ${kept.reference} is ${kept.customer ? `${kept.customer.name}'s` : "anonymous"}: link the cases instead of merging them`,
        "UK GDPR Art 5(1)(f) (one resident's details are not disclosed to another)",
      );
    }
    const working = stage && isOpenPhase(stage) ? stage : undefined;
    if (working) {
      working.endedOn = on;
      const pause = working.pauses.at(-1);
      if (pause && !pause.to) pause.to = on;
    }
    addLink(state, kept, "merged-into", on);
    closeCase(state, on, "merged", command.note?.trim() ? `Merged into ${kept.reference}: ${command.note.trim()}` : `Merged into ${kept.reference}`);
  },
});
