import { z } from "zod";
import { formatShort } from "../../calendar/dates.js";
import { chosenKey } from "../../input/fields.js";
import { refuse } from "../refusals.js";
import { defineCommand, managers, onField } from "./define.js";
import { findEnquiry, OMBUDSMAN_REPLY_RULE, requireApproved } from "./shared.js";

/**
 * Records the council's response to an Ombudsman enquiry, once a Head of Service has approved
 * it through the approval flow (request-approval, decide-approval; decision 0324): the approver
 * recorded is the person who approved it, not a name typed here. Its covering letter, addressed
 * to the Ombudsman from the council's profile, is issued with the step like any other letter
 * (decision 0321).
 */
export const ombudsmanResponse = defineCommand({
  type: "ombudsman-response",
  label: "Record the reply to the Ombudsman",
  done: "Reply sent to the Ombudsman",
  payload: z.object({ enquiryId: chosenKey("the enquiry"), approvalId: chosenKey("the Head of Service's approval of the reply"), ...onField }),
  roles: managers,
  can: (state) => state.ombudsman.some((e) => !e.respondedOn),
  apply(state, command, { on, effects }) {
    const enquiry = findEnquiry(state, command.enquiryId);
    if (enquiry.respondedOn) refuse("NOT_ALLOWED_NOW", `The response went on ${formatShort(enquiry.respondedOn)}`);
    const approval = requireApproved(state, command.approvalId, "record the reply");
    if (approval.kind !== "ombudsman-response" || approval.enquiryId !== enquiry.id) {
      refuse("SIGNATORY_REQUIRED", `The reply to enquiry ${enquiry.reference} must be approved by the Head of Service`, OMBUDSMAN_REPLY_RULE);
    }
    enquiry.respondedOn = on;
    enquiry.approvedBy = approval.decision!.by;
    approval.usedOn = on;
    effects.push({ type: "send-letter", letter: "ombudsman-reply", stageId: null, to: "ombudsman", dueOn: null });
  },
});
