/**
 * What a message to a resident is for: the `purpose` of a `correspondence` outbox row (issue
 * 15's shared contract, docs/decisions/0318-writing-to-residents.md).
 */
export const CORRESPONDENCE_PURPOSES = [
  "receipt",
  "acknowledgement",
  "response",
  "extension",
  "holding-response",
  "escalation-acknowledgement",
  "triage-outcome",
  "conduct",
  "ombudsman",
  "information-request",
  "satisfaction-survey",
  "equality-form",
  "reply-received",
  "other",
] as const;
export type CorrespondencePurpose = (typeof CORRESPONDENCE_PURPOSES)[number];

export const CORRESPONDENCE_PURPOSE_LABELS: Record<CorrespondencePurpose, string> = {
  receipt: "Receipt",
  acknowledgement: "Acknowledgement",
  response: "Response",
  extension: "Extension notice",
  "holding-response": "Holding response",
  "escalation-acknowledgement": "Escalation acknowledgement",
  "triage-outcome": "Triage outcome",
  conduct: "Unacceptable behaviour",
  ombudsman: "Ombudsman",
  "information-request": "Request for information",
  "satisfaction-survey": "Satisfaction survey",
  "equality-form": "Equality form",
  "reply-received": "Reply received",
  other: "Other",
};

/**
 * What a letter or message to a resident is written in: English, Welsh, or Welsh then English
 * (a bilingual council; Welsh first under the Welsh Language Standards, decision 0104).
 */
export const CORRESPONDENCE_LANGUAGES = ["en", "cy", "bilingual"] as const;
export type CorrespondenceLanguage = (typeof CORRESPONDENCE_LANGUAGES)[number];

export const CORRESPONDENCE_LANGUAGE_LABELS: Record<CorrespondenceLanguage, string> = {
  en: "English",
  cy: "Welsh (Cymraeg)",
  bilingual: "Welsh and English",
};
