import type { LetterParagraph } from "@complaints/core";

// The Housing Ombudsman's details are the letter's own "ombudsman-details" section, from the
// council profile (packages/letters/src/build-model.ts): a paragraph here printed them a second
// time, with another address (issue 15, letter wording).

/** Tells the resident their repair carries on while the complaint is looked at. */
export const repairContinues: LetterParagraph = {
  id: "housing.repair-continues",
  letters: ["acknowledgement", "escalation-acknowledgement"],
  slot: "body-end",
  render({ state }) {
    const ref = state.intake["repairRequestReference"];
    if (typeof ref !== "string" || !ref.trim()) return null;
    return `Your repair request (reference ${ref}) carries on while we look into your complaint. You do not need to report it again.`;
  },
};

export const housingLetterParagraphs: LetterParagraph[] = [repairContinues];
