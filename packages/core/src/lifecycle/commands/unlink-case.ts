import { z } from "zod";
import { text } from "../../input/fields.js";
import { refuse } from "../refusals.js";
import type { OtherCase } from "../types.js";
import { linkOf, requireOther } from "./case-links.js";
import { caseworkers, defineCommand, onField, type CommandOf } from "./define.js";

const payload = z.object({ reference: text("the reference of the related case", 40), ...onField });

/**
 * Takes away a link staff made in error. Only a "related" link: a merge or a split is the
 * record of what happened to the complaint and stays (docs/decisions/0106-merge-link-split.md).
 */
export const unlinkCase = defineCommand({
  type: "unlink-case",
  label: "Unlink a related case",
  done: "Related case unlinked",
  payload,
  roles: ["customer-services", ...caseworkers],
  can: (state) => (state.links ?? []).some((l) => l.kind === "related"),
  apply(state, command: CommandOf<"unlink-case", typeof payload> & { other?: OtherCase }) {
    const other = requireOther(command.other, "unlink");
    const link = linkOf(state, other.id);
    if (!link) refuse("NOT_ALLOWED_NOW", `Case ${state.reference} is not linked to ${other.reference}`);
    if (link.kind !== "related") {
      refuse("NOT_ALLOWED_NOW", `${state.reference} and ${other.reference} were ${link.kind.startsWith("merged") ? "merged" : "split"}: that stays on the record and cannot be unlinked`);
    }
    state.links = (state.links ?? []).filter((l) => l.caseId !== other.id);
  },
});
