import { describe, expect, it } from "vitest";
import { REGIME_NAMES, regimeRules, type RegimeName } from "../test/regimes.js";
import { LETTER_KINDS, RuleBook, createServicePlugin } from "@complaints/core";
import { conformanceProfile } from "@complaints/core/testing";
import type { LetterModel } from "./model.js";
import {
  LetterContentError,
  assertIssuable,
  checkRequiredContent,
  requiredContent,
  type ContentRequirement,
} from "./required-content.js";
import { sampleLetter } from "./sample-letters.js";

function withoutRequirement(model: LetterModel, requirement: ContentRequirement): LetterModel {
  switch (requirement.element) {
    case "signed-by-responsible-person":
      return { ...model, signOff: { ...model.signOff, signedByResponsiblePerson: false } };
    case "customer-named-for-representative": {
      const { onBehalfOf: _removed, ...rest } = model;
      return rest;
    }
    default:
      return { ...model, sections: model.sections.filter((section) => section.element !== requirement.element) };
  }
}

const elementsOf = (kind: (typeof LETTER_KINDS)[number], family: RegimeName) =>
  (requiredContent(kind, regimeRules(family)) ?? []).map((item) => item.element);

describe("the issue's examples, as the rules state them", () => {
  it("Southwark procedure: the acknowledgement gives the date received, summary, desired outcome, due date, handler, contact details and missing information", () => {
    for (const family of ["code-2024", "housing"] as const) {
      expect(elementsOf("acknowledgement", family)).toEqual([
        "date-received",
        "complaint-summary",
        "desired-outcome",
        "response-due-date",
        "handler",
        "contact-details",
        "missing-information",
      ]);
    }
  });

  it("Complaint handling code 2024 6.9: a Stage 1 response states the complaint definition, stage, decision, reasons, remedies, outstanding actions and how to escalate", () => {
    for (const family of ["code-2024", "housing"] as const) {
      expect(elementsOf("stage-1-response", family)).toEqual([
        "complaint-definition",
        "stage",
        "decision",
        "reasons",
        "remedies",
        "outstanding-actions",
        "escalation-route",
      ]);
    }
  });

  it("the final response names the next body for the regime: LGSCO, Housing Ombudsman or ICO", () => {
    const nextBody = (kind: (typeof LETTER_KINDS)[number], family: RegimeName) =>
      requiredContent(kind, regimeRules(family))?.find((item) => item.element === "ombudsman-details")?.mentionsAnyOf;
    expect(nextBody("stage-2-response", "code-2024")).toEqual(["Local Government and Social Care Ombudsman"]);
    expect(nextBody("stage-2-response", "housing")).toEqual(["Housing Ombudsman"]);
    expect(nextBody("foi-eir-review-outcome", "foi-eir")).toEqual(["Information Commissioner"]);
    expect(nextBody("stage-1-response", "adult-social-care")).toEqual(["Local Government and Social Care Ombudsman"]);
    expect(nextBody("stage-3-response", "children-social-care")).toEqual(["Local Government and Social Care Ombudsman"]);
  });

  it("Complaint handling code 6.4–6.5: an extension notice gives the reasons, the new date and the Ombudsman's details", () => {
    for (const family of ["code-2024", "housing"] as const) {
      expect(elementsOf("extension-notice", family)).toEqual(["extension-reasons", "new-due-date", "ombudsman-details"]);
    }
  });

  it("SI 2009/309 reg 14: an adult social care response must be signed by the responsible person", () => {
    const unsigned = sampleLetter("stage-1-response", regimeRules("adult-social-care"));
    unsigned.signOff.signedByResponsiblePerson = false;
    expect(checkRequiredContent(unsigned, regimeRules("adult-social-care")).map((item) => item.element)).toEqual([
      "signed-by-responsible-person",
    ]);
  });
});

describe("the next body must be the right one (Housing Ombudsman code 2024 stage 2 letter)", () => {
  it("a housing final response that points to the LGSCO instead of the Housing Ombudsman is not issuable", () => {
    const wrongBody = sampleLetter("stage-2-response", regimeRules("housing"));
    wrongBody.sections = wrongBody.sections.map((section) =>
      section.element === "ombudsman-details"
        ? { ...section, paragraphs: ["You can go to the Local Government and Social Care Ombudsman."] }
        : section,
    );
    expect(checkRequiredContent(wrongBody, regimeRules("housing")).map((item) => item.element)).toEqual(["ombudsman-details"]);
  });

  it("Southwark procedure: the decision says upheld, partly upheld or not upheld in so many words", () => {
    const vague = sampleLetter("stage-1-response", regimeRules("code-2024"));
    vague.sections = vague.sections.map((section) =>
      section.element === "decision" ? { ...section, paragraphs: ["We have looked into your complaint."] } : section,
    );
    expect(checkRequiredContent(vague, regimeRules("code-2024")).map((item) => item.element)).toEqual(["decision"]);
  });

  it("a section with only blank paragraphs does not count as saying anything", () => {
    const blank = sampleLetter("acknowledgement", regimeRules("code-2024"));
    blank.sections = blank.sections.map((section) =>
      section.element === "handler" ? { ...section, paragraphs: ["  "] } : section,
    );
    expect(checkRequiredContent(blank, regimeRules("code-2024")).map((item) => item.element)).toEqual(["handler"]);
  });

  it("Welsh letters are not held to English names of the Ombudsman", () => {
    const welsh = { ...sampleLetter("stage-2-response", regimeRules("housing")), language: "cy" as const };
    welsh.sections = welsh.sections.map((section) =>
      section.element === "ombudsman-details" ? { ...section, paragraphs: ["Gallwch gysylltu â’r Ombwdsmon Tai."] } : section,
    );
    expect(checkRequiredContent(welsh, regimeRules("housing"))).toEqual([]);
  });
});

describe("assertIssuable", () => {
  it("throws a LetterContentError that lists every missing element in plain words", () => {
    const empty = { ...sampleLetter("stage-1-response", regimeRules("housing")), sections: [] };
    let error: unknown;
    try {
      assertIssuable(empty, regimeRules("housing"));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(LetterContentError);
    const contentError = error as LetterContentError;
    expect(contentError.missing.map((item) => item.element)).toEqual(elementsOf("stage-1-response", "housing"));
    expect(contentError.message).toContain("This Stage 1 response cannot be issued under the Housing Ombudsman's Complaint Handling Code until it says:");
    expect(contentError.message).toContain("- the decision: upheld, partly upheld or not upheld");
    expect(contentError.message).toContain("- how to ask for the complaint to go to Stage 2");
    expect(contentError.message.split("\n")).toHaveLength(1 + elementsOf("stage-1-response", "housing").length);
  });

  it("adds the council's own requirements (Leeds policy 15: the acknowledgement opens with an apology)", () => {
    const leeds = {
      acknowledgement: [{ element: "apology" as const, description: "an apology for the problem", source: "Leeds policy 15" }],
    };
    const letter = sampleLetter("acknowledgement", regimeRules("code-2024"));
    expect(() => assertIssuable(letter, regimeRules("code-2024"))).not.toThrow();
    expect(() => assertIssuable(letter, regimeRules("code-2024"), { councilRequirements: leeds })).toThrow(/an apology for the problem/);
  });

  it("Housing Ombudsman code: two stages only, so a Stage 3 response cannot be issued for a housing complaint", () => {
    expect(() => assertIssuable(sampleLetter("stage-3-response", regimeRules("code-2024")), regimeRules("housing"))).toThrow(
      "This letter cannot be issued: a Stage 3 response is not sent under the Housing Ombudsman's Complaint Handling Code.",
    );
  });
});

describe.each(REGIME_NAMES)("required content under %s", (family) => {
  const issued = LETTER_KINDS.filter((kind) => requiredContent(kind, regimeRules(family)) !== undefined);
  const notIssued = LETTER_KINDS.filter((kind) => requiredContent(kind, regimeRules(family)) === undefined);

  describe.each(issued)("%s", (kind) => {
    const checklist = requiredContent(kind, regimeRules(family)) ?? [];

    it("a complete letter passes", () => {
      expect(checkRequiredContent(sampleLetter(kind, regimeRules(family)), regimeRules(family))).toEqual([]);
      expect(() => assertIssuable(sampleLetter(kind, regimeRules(family)), regimeRules(family))).not.toThrow();
    });

    it.each(checklist.map((item) => [item.element, item.source, item] as const))(
      "without %s it fails and lists it (%s)",
      (element, _source, item) => {
        const missing = checkRequiredContent(withoutRequirement(sampleLetter(kind, regimeRules(family)), item), regimeRules(family));
        expect(missing).toEqual([{ element, description: item.description, source: item.source }]);
        expect(() => assertIssuable(withoutRequirement(sampleLetter(kind, regimeRules(family)), item), regimeRules(family))).toThrow(item.description);
      },
    );
  });

  if (notIssued.length > 0) {
    it.each(notIssued)("a %s is refused because this regime never sends one", (kind) => {
      const missing = checkRequiredContent({ ...sampleLetter("acknowledgement", regimeRules("code-2024")), kind }, regimeRules(family));
      expect(missing.map((item) => item.element)).toEqual(["letter-kind"]);
    });
  }
});

describe("every kind is sent under at least one regime", () => {
  it.each(LETTER_KINDS)("%s has a checklist somewhere", (kind) => {
    expect(REGIME_NAMES.some((family) => requiredContent(kind, regimeRules(family)) !== undefined)).toBe(true);
  });
});

describe("issue 17: the next body named is the regime's, not a family's", () => {
  const spso = createServicePlugin({
    id: "spso-sample",
    name: "SPSO model complaints handling procedure (sample)",
    version: "1.0.0",
    register(r) {
      r.claimService();
      r.setNextBody({ id: "spso", name: "Scottish Public Services Ombudsman", window: null, rule: "SPSO Act 2002 s10: 12 months" });
    },
  });
  const rules = new RuleBook(conformanceProfile(["spso-sample"], "svc"), [spso]).rulesFor("svc", "complaint");

  it("a Stage 2 response naming the SPSO can be issued; one naming the LGSCO cannot", () => {
    const letter = sampleLetter("stage-2-response", rules);
    expect(letter.sections.find((s) => s.element === "ombudsman-details")?.paragraphs[0]).toContain("Scottish Public Services Ombudsman");
    expect(checkRequiredContent(letter, rules)).toEqual([]);
    const lgsco = sampleLetter("stage-2-response", regimeRules("code-2024"));
    expect(checkRequiredContent(lgsco, rules)).toEqual([
      { element: "ombudsman-details", description: "how to contact the Scottish Public Services Ombudsman and the right to go to them", source: "Leeds policy 23: the final response gives the Ombudsman's contact details" },
    ]);
  });
});
