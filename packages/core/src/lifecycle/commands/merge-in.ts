import { z } from "zod";
import { text } from "../../input/fields.js";
import { refuse } from "../refusals.js";
import type { OtherCase } from "../types.js";
import { addLink, refuseSelf, requireOther } from "./case-links.js";
import { coordinators, defineCommand, onField, type CommandOf } from "./define.js";

const payload = z.object({ reference: text("the reference of the duplicate", 40), ...onField });

/**
 * The case kept's side of a merge (`merge-into` is the duplicate's): it records the duplicate,
 * whose timeline, letters and files its page then lists. Run by the API with `merge-into`.
 */
export const mergeIn = defineCommand({
  type: "merge-in",
  label: "Merge a duplicate into this case",
  done: "Duplicate merged into this case",
  payload,
  roles: ["customer-services", ...coordinators],
  can: (state) => state.status === "open",
  apply(state, command: CommandOf<"merge-in", typeof payload> & { other?: OtherCase }, { on }) {
    const duplicate = requireOther(command.other, "merge in");
    refuseSelf(state, duplicate, "merged into");
    if (state.status === "closed") refuse("NOT_ALLOWED_NOW", `Case ${state.reference} is closed: reopen it first, or link the two cases instead`);
    addLink(state, duplicate, "merged-in", on);
  },
});
