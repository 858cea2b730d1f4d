import { z } from "zod";
import { slug, text } from "../../input/fields.js";
import { refuse } from "../refusals.js";
import type { OtherCase } from "../types.js";
import { addLink, requireOther } from "./case-links.js";
import { coordinators, defineCommand, onField, type CommandOf } from "./define.js";

const payload = z.object({
  serviceId: slug,
  description: text("the part of the complaint the other service answers", 20_000),
  ...onField,
});

/**
 * A complaint about two services is led by one (Leeds policy para 36: "the service which has
 * responsibility for the major part of the complaint", with one response where possible, para
 * 37). Where the parts are separate complaints, the other service's part becomes a case of its
 * own: the API logs it (same customer, the original receipt, the part's words) and runs this
 * command on the original and `link-case` ("split-from") on the new one in one transaction.
 * This case no longer lists that service. Why the clocks run from the original receipt:
 * docs/decisions/0106-merge-link-split.md.
 */
export const split = defineCommand({
  type: "split",
  label: "Split off another service's part",
  done: "Split into another case",
  payload,
  roles: ["customer-services", ...coordinators],
  can: (state) => state.status !== "closed" && state.otherServiceIds.length > 0,
  apply(state, command: CommandOf<"split", typeof payload> & { other?: OtherCase }, { on }) {
    const created = requireOther(command.other, "split it into");
    if (state.status === "closed") refuse("NOT_ALLOWED_NOW", `Case ${state.reference} is closed; reopen it to split it`);
    if (command.serviceId === state.serviceId) {
      refuse("INVALID_INPUT", "That is the service leading this complaint: split off one of the other services it covers", "Leeds policy para 36");
    }
    if (!state.otherServiceIds.includes(command.serviceId)) {
      refuse("INVALID_INPUT", state.otherServiceIds.length ? "Choose one of the other services this complaint covers" : "This complaint covers no other service to split off");
    }
    state.otherServiceIds = state.otherServiceIds.filter((s) => s !== command.serviceId);
    addLink(state, created, "split-into", on);
  },
});
