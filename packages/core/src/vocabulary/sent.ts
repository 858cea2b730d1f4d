/**
 * Correspondence whose sending meets a deadline (docs/decisions/0322-deadlines-met-when-sent.md):
 * what was sent, and how it went.
 */
import type { CorrespondencePurpose } from "./correspondence.js";

/** The outbox purposes that tell the resident about a step with a deadline (issue 15's contract). */
export const SENT_PURPOSES = ["acknowledgement", "escalation-acknowledgement", "extension", "holding-response", "response"] as const satisfies readonly CorrespondencePurpose[];
export type SentPurpose = (typeof SENT_PURPOSES)[number];

export const SENT_PURPOSE_LABELS: Record<SentPurpose, string> = {
  acknowledgement: "acknowledgement",
  "escalation-acknowledgement": "escalation acknowledgement",
  extension: "extension notice",
  "holding-response": "holding response",
  response: "response",
};

/** The ways correspondence reaches a resident. */
export const SENT_CHANNELS = ["email", "sms", "post"] as const;
export type SentChannel = (typeof SENT_CHANNELS)[number];

/** How it went, inside a sentence: "sent by email Tue 3 Mar". */
export const SENT_CHANNEL_LABELS: Record<SentChannel, string> = {
  email: "by email",
  sms: "by text message",
  post: "by post",
};
