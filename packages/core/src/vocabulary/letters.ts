/** The letters core asks for (a `send-letter` effect names one) and what each is called. */

export const LETTER_KINDS = [
  "acknowledgement",
  "information-request",
  "holding-response",
  "extension-notice",
  "stage-1-response",
  "escalation-acknowledgement",
  "stage-2-response",
  "stage-3-response",
  "referral-back",
  "not-a-complaint",
  "excluded",
  "out-of-time",
  "wrongly-addressed",
  "compliment-acknowledgement",
  "member-enquiry-response",
  "foi-eir-review-outcome",
  "conduct-warning",
  "conduct-designation",
  "conduct-review",
  "ombudsman-response",
] as const;
export type LetterKind = (typeof LETTER_KINDS)[number];

/** What each letter is called inside a sentence ("This Stage 1 response cannot be issued…"). */
export const LETTER_KIND_NAMES: Record<LetterKind, string> = {
  acknowledgement: "acknowledgement",
  "information-request": "request for information",
  "holding-response": "holding response",
  "extension-notice": "extension notice",
  "stage-1-response": "Stage 1 response",
  "escalation-acknowledgement": "escalation acknowledgement",
  "stage-2-response": "Stage 2 response",
  "stage-3-response": "Stage 3 response",
  "referral-back": "referral back to Stage 1",
  "not-a-complaint": "not-a-complaint letter",
  excluded: "excluded complaint letter",
  "out-of-time": "out-of-time letter",
  "wrongly-addressed": "wrongly addressed complaint letter",
  "compliment-acknowledgement": "compliment acknowledgement",
  "member-enquiry-response": "member enquiry response",
  "foi-eir-review-outcome": "FOI/EIR internal review outcome",
  "conduct-warning": "unreasonable behaviour warning",
  "conduct-designation": "unreasonable behaviour designation",
  "conduct-review": "unreasonable behaviour review",
  "ombudsman-response": "Ombudsman decision response",
};
