import { decisionRequirement, nextBodyDetails, refusalLetters, requirement as req, sharedLetters, type LettersSpec } from "@complaints/core";

const ADULT = {
  ack: "SI 2009/309 reg 13: the acknowledgement offers to discuss how the complaint will be handled and when a response is likely",
  response: "SI 2009/309 reg 14: response signed by the responsible person and gives the right to complain to the LGSCO",
  refusal: "SI 2009/309 regs 8 and 12 with reg 14: a refusal gives reasons and the right to complain to the LGSCO",
  late: "SI 2009/309 reg 14(2): if the response will be late, the complainant is told why in writing",
  scope: "SI 2009/309: adult social care complaints have one local stage, then the LGSCO",
  timeLimit: "SI 2009/309 reg 12: a complaint over 12 months old can still be considered if there is good reason and a fair investigation is possible",
};

/** One local stage, a response signed by the responsible person, then the next body (the LGSCO). */
export const adultSocialCareLetters: LettersSpec = {
  procedure: "the adult social care complaints regulations (SI 2009/309)",
  notSentBecause: ADULT.scope,
  content: {
    ...sharedLetters(),
    ...refusalLetters(ADULT.refusal),
    acknowledgement: [
      req("complaint-summary", "our understanding of the complaint", ADULT.ack),
      req("offer-to-discuss", "an offer to discuss how the complaint will be handled", ADULT.ack),
      req("response-due-date", "when the customer is likely to get our response", ADULT.ack),
      req("contact-details", "how to contact us", ADULT.ack),
    ],
    "extension-notice": [
      req("extension-reasons", "why our response will be later than agreed", ADULT.late),
      req("new-due-date", "when the customer will get our response", ADULT.late),
    ],
    "stage-1-response": [
      req("investigation", "how the complaint was considered", ADULT.response),
      decisionRequirement(ADULT.response),
      req("reasons", "the conclusions we reached", ADULT.response),
      req("remedies", "any action to put things right", ADULT.response),
      req("outstanding-actions", "whether that action has been taken or is still to come", ADULT.response),
      nextBodyDetails(ADULT.response),
      req("signed-by-responsible-person", "the signature of the responsible person", ADULT.response),
    ],
    "out-of-time": [
      req("reasons", "why the complaint is out of time", ADULT.timeLimit),
      req("discretion-considered", "whether there was good reason for the delay and a fair investigation is still possible", ADULT.timeLimit),
      nextBodyDetails(ADULT.refusal),
    ],
  },
};
