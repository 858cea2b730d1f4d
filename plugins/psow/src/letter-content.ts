import {
  decisionRequirement,
  nextBodyDetails,
  requirement as req,
  sharedLetters,
  type LettersSpec,
} from "@complaints/core";
import { PSOW_RULES as R } from "./rules.js";

/**
 * What a letter under the PSOW model policy must say (decision 0407), each item citing the
 * model or a council that adopts it: never the English complaint handling code. The refusals
 * are this policy's own, not core's refusalLetters, whose secondary items cite the English
 * code. The letters every procedure sends alike (holding responses, information requests,
 * conduct letters) are core's. Welsh or bilingual letters are the council profile's
 * `correspondence.languages` (README).
 */
export const psowLetters: LettersSpec = {
  procedure: "the PSOW model complaints policy",
  notSentBecause: R.notSent,
  content: {
    ...sharedLetters(),
    "not-a-complaint": [
      req("reasons", "why we are not treating this as a complaint", R.refusal),
      req("next-steps", "what we will do instead", R.refusal),
      nextBodyDetails(R.refusal),
    ],
    excluded: [
      req("reasons", "why the complaint cannot be considered", R.refusal),
      req("alternative-route", "where the matter can be taken instead", R.refusal),
      nextBodyDetails(R.refusal),
    ],
    "out-of-time": [
      req("reasons", "why the complaint is outside the six months", R.timeLimit),
      req(
        "discretion-considered",
        "whether there were exceptional circumstances to accept it anyway",
        R.timeLimit,
      ),
      nextBodyDetails(R.refusal),
    ],
    acknowledgement: [
      req("complaint-summary", "our understanding of the complaint", R.acknowledgement),
      req("response-due-date", "when the complainant will get our response", R.acknowledgement),
      req("contact-details", "how to contact us", R.acknowledgement),
    ],
    "escalation-acknowledgement": [
      req("complaint-summary", "the complaint we will investigate formally", R.acknowledgement),
      req("response-due-date", "when the complainant will get our response", R.acknowledgement),
      req("contact-details", "how to contact us", R.acknowledgement),
    ],
    "extension-notice": [
      req("extension-reasons", "why 20 working days is not possible", R.stage2Revised),
      req("new-due-date", "the date to expect a full response", R.stage2Revised),
    ],
    "stage-1-response": [
      decisionRequirement(R.stage1Decision),
      req("reasons", "the reasons for the decision", R.stage1Decision),
      req(
        "escalation-route",
        "how to ask for a formal investigation if not satisfied",
        R.escalation,
      ),
    ],
    "stage-2-response": [
      decisionRequirement(R.stage2Decision),
      req("reasons", "the reasons for the decision", R.stage2Decision),
      nextBodyDetails(R.stage2Decision),
    ],
  },
};
