import { describe, expect, it } from "vitest";
import { REGIME_NAMES, regimeRules } from "../test/regimes.js";
import type { LetterModel } from "./model.js";
import { checkPlainEnglish } from "./plain-english.js";
import { LETTER_KINDS } from "@complaints/core";
import { requiredContent } from "./required-content.js";
import { sampleLetter, typicalStage1Response } from "./sample-letters.js";

function letterSaying(...paragraphs: string[]): LetterModel {
  return {
    ...sampleLetter("acknowledgement", regimeRules("code-2024")),
    subject: "Your complaint",
    sections: [{ element: "complaint-summary", paragraphs }],
  };
}

describe("Leeds policy 15: no council jargon or abbreviations", () => {
  it("flags an unexplained DCRO with its position and the words to use instead", () => {
    const text = "Your DCRO will call you this week.";
    const [warning, ...others] = checkPlainEnglish(letterSaying(text));
    expect(others).toEqual([]);
    expect(warning).toMatchObject({
      rule: "unexplained-abbreviation",
      word: "DCRO",
      location: "section:complaint-summary",
      paragraphIndex: 0,
      start: 5,
      end: 9,
    });
    expect(text.slice(warning?.start, warning?.end)).toBe("DCRO");
    expect(warning?.suggestion).toContain("our complaints officer");
  });

  it("flags LGSCO when the letter never spells it out", () => {
    const warnings = checkPlainEnglish(letterSaying("You can go to the LGSCO."));
    expect(warnings.map((warning) => [warning.rule, warning.word])).toEqual([["unexplained-abbreviation", "LGSCO"]]);
    expect(warnings[0]?.suggestion).toContain("Local Government and Social Care Ombudsman");
  });

  it("accepts an abbreviation once it has been spelled out anywhere in the letter", () => {
    const warnings = checkPlainEnglish(
      letterSaying(
        "You can ask the Local Government and Social Care Ombudsman (LGSCO) to look at this.",
        "The LGSCO is free to use.",
      ),
    );
    expect(warnings.filter((warning) => warning.rule === "unexplained-abbreviation")).toEqual([]);
  });

  it("says nothing about 'Stage 1', 'stage 2', MPs, postcodes, references, emails or web addresses", () => {
    const warnings = checkPlainEnglish(
      letterSaying(
        "This is our Stage 1 response. You can ask for stage 2 later.",
        "Your MP wrote to us. We have written to Flat 4, 12 Station Road, Exampleton EX2 4PQ.",
        "Please quote COMP-2026-004217 when you write to repairs@example.gov.uk or visit www.example.gov.uk/complaints.",
      ),
    );
    expect(warnings).toEqual([]);
  });

  it("flags council jargon in any letter case and suggests the everyday words", () => {
    const warnings = checkPlainEnglish(letterSaying("A Substantive Response will follow."));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ rule: "council-jargon", word: "Substantive Response", start: 2, end: 22 });
    expect(warnings[0]?.suggestion).toBe("Say “full response” instead.");
  });

  it("checks the council's own jargon list as well", () => {
    const warnings = checkPlainEnglish(letterSaying("Your case is with the Resolution Hub."), {
      extraJargon: [{ term: "Resolution Hub", suggestion: "our complaints team" }],
    });
    expect(warnings.map((warning) => warning.word)).toEqual(["Resolution Hub"]);
  });

  it("checks plugin paragraphs and the subject line too, and says where each warning is", () => {
    const letter: LetterModel = {
      ...letterSaying("We are sorry."),
      subject: "Your FOI review",
      slots: { "body-end": [{ id: "housing.asb-line", text: "Report ASB on 020 7946 0999." }] },
    };
    expect(checkPlainEnglish(letter).map((warning) => [warning.location, warning.word])).toEqual([
      ["subject", "FOI"],
      ["slot:body-end:housing.asb-line", "ASB"],
    ]);
  });
});

describe("plain English: simpler words and shorter sentences (retext-simplify, retext-readability)", () => {
  it("suggests the simpler word with its position", () => {
    const text = "We will commence the repair on Monday.";
    const warnings = checkPlainEnglish(letterSaying(text));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ rule: "simpler-word", word: "commence", start: 8, end: 16 });
    expect(warnings[0]?.suggestion).toContain("“start”");
  });

  it("flags a long, hard sentence as a whole", () => {
    const sentence =
      "Notwithstanding the considerations pertaining to the operational deficiencies identified, the organisation has determined, following comprehensive deliberation, that the complaint is partly upheld.";
    const hard = checkPlainEnglish(letterSaying(sentence)).filter((warning) => warning.rule === "hard-sentence");
    expect(hard).toHaveLength(1);
    expect(hard[0]?.word).toBe(sentence);
  });

  it("does not call a short sentence hard because it contains a phone number and an email address", () => {
    const warnings = checkPlainEnglish(
      letterSaying("You can contact Sam on 020 7946 0123 or at repairs.complaints@example.gov.uk."),
    );
    expect(warnings).toEqual([]);
  });

  it("the typical sample response is written plainly enough to raise nothing", () => {
    expect(checkPlainEnglish(typicalStage1Response())).toEqual([]);
  });

  it("plain wording raises no false alarms: the sample wording of every letter kind under every regime passes", () => {
    const warnings = REGIME_NAMES.flatMap((family) =>
      LETTER_KINDS.filter((kind) => requiredContent(kind, regimeRules(family))).flatMap((kind) =>
        checkPlainEnglish(sampleLetter(kind, regimeRules(family))).map((warning) => `${family}/${kind}: ${warning.word}`),
      ),
    );
    expect(warnings).toEqual([]);
  });

  it("Welsh letters get the abbreviation check but not the English word lists", () => {
    const welsh: LetterModel = {
      ...letterSaying("Bydd eich DCRO yn eich ffonio. Byddwn yn commence."),
      language: "cy",
    };
    expect(checkPlainEnglish(welsh).map((warning) => warning.word)).toEqual(["DCRO"]);
  });
});
