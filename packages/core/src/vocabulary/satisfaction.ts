/**
 * The satisfaction survey sent after a case closes (issue 15, "Satisfaction"; Leeds policy
 * para 82: "Customer Satisfaction surveys will be used corporately and by services to assess
 * the Policy"). Four questions on the five-point scale of the Regulator of Social Housing's
 * Tenant Satisfaction Measures, the first being TP09's "satisfaction with the landlord's
 * approach to complaints handling" asked of this one complaint
 * (docs/decisions/0516-satisfaction-survey.md). The English labels are the staff report's; the
 * resident's page takes its words, English or Welsh, from the portal's message files.
 */

export const SATISFACTION_QUESTIONS = ["handling", "kept-informed", "response-clear", "ease-of-complaining"] as const;
export type SatisfactionQuestion = (typeof SATISFACTION_QUESTIONS)[number];
export const SATISFACTION_QUESTION_LABELS: Record<SatisfactionQuestion, string> = {
  handling: "How we handled the complaint",
  "kept-informed": "Kept informed",
  "response-clear": "The response was clear",
  "ease-of-complaining": "Ease of making the complaint",
};

/** The TSM scale, most satisfied first; the measure counts the first two. */
export const SATISFACTION_SCALE = ["very-satisfied", "fairly-satisfied", "neither", "fairly-dissatisfied", "very-dissatisfied"] as const;
export type SatisfactionAnswer = (typeof SATISFACTION_SCALE)[number];
export const SATISFACTION_SCALE_LABELS: Record<SatisfactionAnswer, string> = {
  "very-satisfied": "Very satisfied",
  "fairly-satisfied": "Fairly satisfied",
  neither: "Neither satisfied nor dissatisfied",
  "fairly-dissatisfied": "Fairly dissatisfied",
  "very-dissatisfied": "Very dissatisfied",
};
/** The answers a TSM percentage counts as satisfied (very or fairly satisfied, of those who answered). */
export const SATISFIED_ANSWERS: readonly SatisfactionAnswer[] = ["very-satisfied", "fairly-satisfied"];

/** The languages a resident may have the public pages and their correspondence in. */
export const RESIDENT_LANGUAGES = ["en", "cy"] as const;
export type ResidentLanguage = (typeof RESIDENT_LANGUAGES)[number];
