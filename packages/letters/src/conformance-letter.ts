import { letterRequirements, type CaseState, type CouncilProfile, type LetterKind, type ResolvedRules } from "@complaints/core";
import { buildLetterModel, withSections } from "./build-model.js";
import { LETTER_ELEMENTS, type LetterElement, type LetterModel } from "./model.js";
import { sampleSection } from "./sample-letters.js";

/**
 * A letter as the product drafts it for a case, with an officer's words added where only an
 * officer writes (the reasons, what the investigation found): what the conformance kit checks
 * each plugin's letters against (`ConformanceOptions.issueLetter`, decision 0407). Items that
 * must name someone (the next body, an outcome word) are left as the product wrote them, so a
 * letter the product would word for the wrong body, or not at all, still fails.
 */
export function conformanceLetter(kind: LetterKind, state: CaseState, rules: ResolvedRules, profile: CouncilProfile, stageId: string): LetterModel {
  const built = buildLetterModel(kind, state, rules, profile, {
    date: state.stages.at(-1)?.response?.on ?? state.receivedAt.slice(0, 10),
    customerAddress: { lines: ["1 Sample Street", "Exampleton"], postcode: "EX1 1AA" },
    representativeAddress: { lines: ["Sample House", "Exampleton"], postcode: "EX1 2AA" },
    staff: () => ({ name: "Sam Sample", jobTitle: "Complaints officer" }),
    // The walk may not assign anyone: the officer issuing signs.
    signatoryId: state.stages.find((s) => s.stageId === stageId)?.handlerId ?? "conformance-officer",
    stageId,
  });
  const checklist = letterRequirements(rules.letters, kind, stageId) ?? [];
  const officerWritten = checklist.filter(
    (item) =>
      !item.mentionsAnyOf &&
      (LETTER_ELEMENTS as readonly string[]).includes(item.element) &&
      !built.sections.some((section) => section.element === item.element && section.paragraphs.some((p) => p.trim() !== "")),
  );
  const withWords = withSections(
    built,
    officerWritten.map((item) => sampleSection(item.element as LetterElement, rules, kind)),
  );
  // Signing by the responsible person is the officer's act at issue, as is naming the constituent.
  return checklist.some((item) => item.element === "signed-by-responsible-person")
    ? { ...withWords, signOff: { ...withWords.signOff, signedByResponsiblePerson: true } }
    : withWords;
}
