import { nextBodyDetails, refusalLetters, requirement as req, sharedLetters, type LettersSpec } from "@complaints/core";

const FOI = {
  review: "FOI Act 2000 s50 / EIR 2004 reg 18: after the internal review the applicant may apply to the Information Commissioner",
  extension: "Leeds policy 63: where the review takes longer, the customer is told why and when",
  scope: "Leeds policy 61: an FOI/EIR complaint skips Stage 1 and is one internal review",
  timeLimit: "ICO: an internal review is asked for within 40 working days of the response",
  ico: "Leeds policy 66–67: after the review the customer can apply to the Information Commissioner",
};

/**
 * One internal review, then the next body (the Information Commissioner). Letters about a
 * customer's conduct name the Local Government and Social Care Ombudsman, who looks at how a
 * council treats people; the Commissioner does not (Leeds policy 56).
 */
export const foiEirLetters: LettersSpec = {
  procedure: "the Freedom of Information and Environmental Information review procedure",
  notSentBecause: FOI.scope,
  content: {
    ...sharedLetters({ name: "Local Government and Social Care Ombudsman" }),
    ...refusalLetters(FOI.review),
    acknowledgement: [
      req("date-received", "the date we received the request for a review", FOI.scope),
      req("response-due-date", "when the customer will get the review outcome", FOI.extension),
      req("contact-details", "how to contact us", FOI.scope),
    ],
    "extension-notice": [
      req("extension-reasons", "why the review needs more time", FOI.extension),
      req("new-due-date", "the new date for the review outcome", FOI.extension),
    ],
    "out-of-time": [req("reasons", "why the request for a review is out of time", FOI.timeLimit), nextBodyDetails(FOI.review)],
    "foi-eir-review-outcome": [
      req("decision", "whether the original decision is upheld, changed or overturned", FOI.review),
      req("reasons", "the reasons for the review decision", FOI.review),
      nextBodyDetails(FOI.ico),
    ],
  },
};
