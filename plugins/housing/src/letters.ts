import type { LetterParagraph } from "@complaints/core";

/**
 * The Housing Ombudsman's public contact details. Letter paragraphs cannot read the council
 * profile's `ombudsmen` entry (core passes only the resolved rules), so they are stated here
 * and kept in step with the default profile.
 */
export const HOUSING_OMBUDSMAN_CONTACT =
  "Housing Ombudsman Service, PO Box 1484, Unit D, Preston PR1 0ET; telephone 0300 111 3000; www.housing-ombudsman.org.uk";

/** Where the resident can go next, in every letter that must say so (Code 6.5, section 2, the final response). */
export const hosSignpost: LetterParagraph = {
  id: "housing.hos-signpost",
  letters: [
    "stage-2-response",
    "extension-notice",
    "holding-response",
    "not-a-complaint",
    "excluded",
    "out-of-time",
  ],
  slot: "body-end",
  render({ stageId, rules }) {
    const body = rules.regime.nextBody.name;
    const final = rules.regime.stages.find((s) => s.id === stageId && !s.escalation);
    if (final) {
      return `This is our final response. If you are still unhappy, you can ask the ${body} to look at your complaint. You need to do this within 12 months of the date of this letter. Contact: ${HOUSING_OMBUDSMAN_CONTACT}.`;
    }
    if (stageId === null) {
      return `If you disagree with our decision, you can contact the ${body}: ${HOUSING_OMBUDSMAN_CONTACT}.`;
    }
    return `If you are unhappy with how long this is taking, you can contact the ${body} for advice at any time: ${HOUSING_OMBUDSMAN_CONTACT}.`;
  },
};

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

export const housingLetterParagraphs: LetterParagraph[] = [hosSignpost, repairContinues];
