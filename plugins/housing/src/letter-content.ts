import { complaintHandlingCodeLetters, type LettersSpec } from "@complaints/core";

const FINAL = "Housing Ombudsman Complaint Handling Code 2024: the stage 2 response gives the complaint definition and how to go to the Housing Ombudsman";

/**
 * What a landlord's letters must carry: the complaint handling code's checklists, two stages,
 * the final response citing the Housing Ombudsman's code. The Ombudsman each letter must name
 * is the regime's next body (the Housing Ombudsman, set in plugin.ts).
 */
export const housingLetters: LettersSpec = {
  procedure: "the Housing Ombudsman's Complaint Handling Code",
  notSentBecause: "Housing Ombudsman Complaint Handling Code 2024: two stages only; member enquiries and FOI/EIR reviews have their own procedures",
  content: complaintHandlingCodeLetters(FINAL),
};
