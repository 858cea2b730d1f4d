import { decisionRequirement, nextBodyDetails, refusalLetters, requirement as req, sharedLetters, type LettersSpec } from "@complaints/core";

const CHILDREN = {
  ack: "SI 2006/1738 and Children Act 1989 s26A: children are told about advocacy when they make representations",
  stage1: "SI 2006/1738 regs 14–15: the stage 1 outcome is confirmed in writing with the right to ask for stage 2",
  stage2: "SI 2006/1738 reg 17–18: the stage 2 adjudication gives its conclusions and the right to ask for a review panel",
  extension: "SI 2006/1738 reg 17: a longer stage 2 gives the reason and the new date in writing",
  stage3: "SI 2006/1738 reg 20: the council's response to the panel gives reasons and the right to go to the LGSCO",
  refusal: "SI 2006/1738 reg 9 and the LGSCO's jurisdiction: a refusal gives reasons and the right to go to the LGSCO",
};

/** Three statutory stages (local resolution, investigation, review panel), then the next body (the LGSCO). */
export const childrenSocialCareLetters: LettersSpec = {
  procedure: "the children's social care representations procedure (SI 2006/1738)",
  notSentBecause: "SI 2006/1738: three statutory stages, without referral back; member enquiries and FOI/EIR reviews have their own procedures",
  content: {
    ...sharedLetters(),
    ...refusalLetters(CHILDREN.refusal),
    acknowledgement: [
      req("date-received", "the date we received the complaint", CHILDREN.stage1),
      req("complaint-summary", "our understanding of the complaint", CHILDREN.stage1),
      req("response-due-date", "when the customer will get our response", CHILDREN.stage1),
      req("handler", "who is dealing with the complaint", CHILDREN.stage1),
      req("contact-details", "how to contact them", CHILDREN.stage1),
      req("advocacy", "how a child can get help from an advocate", CHILDREN.ack),
    ],
    "extension-notice": [
      req("extension-reasons", "why we need more time", CHILDREN.extension),
      req("new-due-date", "the new date for our response", CHILDREN.extension),
    ],
    "stage-1-response": [
      decisionRequirement(CHILDREN.stage1),
      req("reasons", "the reasons for the decision", CHILDREN.stage1),
      req("remedies", "what we will do to put things right", CHILDREN.stage1),
      req("escalation-route", "how to ask for a Stage 2 investigation, and by when", CHILDREN.stage1),
    ],
    "escalation-acknowledgement": [
      req("date-received", "the date we received the request for Stage 2", CHILDREN.stage2),
      req("escalation-reasons", "what the Stage 2 investigation will look at", CHILDREN.stage2),
      req("response-due-date", "when the customer will get the Stage 2 response", CHILDREN.stage2),
      req("handler", "who will investigate, and the Independent Person", CHILDREN.stage2),
      req("contact-details", "how to contact them", CHILDREN.stage2),
    ],
    "stage-2-response": [
      decisionRequirement(CHILDREN.stage2),
      req("reasons", "the conclusions of the investigation", CHILDREN.stage2),
      req("remedies", "what we will do to put things right", CHILDREN.stage2),
      req("escalation-route", "how to ask for a review panel, and by when", CHILDREN.stage2),
    ],
    "stage-3-response": [
      decisionRequirement(CHILDREN.stage3),
      req("reasons", "the reasons, including for any panel recommendation we will not follow", CHILDREN.stage3),
      req("remedies", "what we will do to put things right", CHILDREN.stage3),
      nextBodyDetails(CHILDREN.stage3),
    ],
  },
};
