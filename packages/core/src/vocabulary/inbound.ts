/**
 * What became of an email read from the council's inbound mailbox (issue 15; the database's
 * `inbound_messages.outcome`; docs/decisions/0323-inbound-mail.md).
 */
export const INBOUND_OUTCOMES = [
  "added-to-case",
  "new-case",
  "forged-reference",
  "closed-case-reply",
  "closed-case-new-case",
  "ignored",
  "bounce",
  "too-large",
  "failed",
] as const;
export type InboundOutcome = (typeof INBOUND_OUTCOMES)[number];
export const INBOUND_OUTCOME_LABELS: Record<InboundOutcome, string> = {
  "added-to-case": "Added to its case",
  "new-case": "New case for triage",
  "forged-reference": "New case: quoted a reference, not from its customer",
  "closed-case-reply": "Added to a closed case: decide whether to reopen",
  "closed-case-new-case": "Reply to a closed case: new case",
  ignored: "Ignored (automatic message)",
  bounce: "Delivery failure of our email",
  "too-large": "Too large to read",
  failed: "Could not be processed",
};
