import { z } from "zod";
import { text } from "../../input/fields.js";
import { refuse } from "../refusals.js";
import type { OtherCase } from "../types.js";
import type { CaseLinkKind } from "../../vocabulary/index.js";
import { addLink, linkOf, refuseSelf, requireOther } from "./case-links.js";
import { caseworkers, defineCommand, onField, type CommandOf } from "./define.js";

const payload = z.object({ reference: text("the reference of the related case", 40), ...onField });

/**
 * Records that this case knows another: related complaints (the same estate, the same
 * neighbour), or the other half of a split. The API runs it on both cases in one transaction
 * (services/case-links.ts); `other` and `kind` are its, never the client's.
 */
export const linkCase = defineCommand({
  type: "link-case",
  label: "Link a related case",
  done: "Related case linked",
  payload,
  roles: ["customer-services", ...caseworkers],
  // Once triaged: before, triage decides whether the case is a duplicate of another.
  can: (state) => state.status !== "new",
  apply(state, command: CommandOf<"link-case", typeof payload> & { other?: OtherCase; kind?: CaseLinkKind }, { on }) {
    const other = requireOther(command.other, "link");
    refuseSelf(state, other, "linked to");
    const existing = linkOf(state, other.id);
    if (existing) refuse("NOT_ALLOWED_NOW", `Case ${state.reference} is already linked to ${other.reference}`);
    addLink(state, other, command.kind ?? "related", on);
  },
});
