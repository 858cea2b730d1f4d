import {
  decisionRequirement,
  nextBodyDetails,
  requirement as req,
  sharedLetters,
  type LettersSpec,
} from "@complaints/core";
import { SPSO_RULES as R } from "./rules.js";

/**
 * What a letter under the SPSO model must say (decision 0407), each item citing the MCHP:
 * never the English complaint handling code. The refusals are this procedure's own, not core's
 * refusalLetters, whose secondary items cite the English code. The letters every procedure
 * sends alike (holding responses, information requests, conduct letters) are core's.
 */
export const spsoLetters: LettersSpec = {
  procedure: "the SPSO Model Complaints Handling Procedure",
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
    // A complex complaint opened at Stage 2 by triage is acknowledged as Stage 2 (MCHP Part 3, Stage 2).
    acknowledgement: [
      req("complaint-summary", "the points of complaint we will investigate", R.acknowledgement),
      req("response-due-date", "when the customer will get our decision", R.acknowledgement),
      req("contact-details", "how to contact us", R.acknowledgement),
    ],
    "escalation-acknowledgement": [
      req("complaint-summary", "the points of complaint we will investigate", R.acknowledgement),
      req("response-due-date", "when the customer will get our decision", R.acknowledgement),
      req("contact-details", "how to contact us", R.acknowledgement),
    ],
    "extension-notice": [
      req("extension-reasons", "why we need more time", R.stage1Extension),
      req("new-due-date", "the revised date for our response", R.stage1Extension),
    ],
    "stage-1-response": [
      decisionRequirement(R.stage1Decision),
      req("reasons", "the reasons for the decision", R.stage1Decision),
      req(
        "escalation-route",
        "how to ask for Stage 2 if still dissatisfied, and by when",
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
