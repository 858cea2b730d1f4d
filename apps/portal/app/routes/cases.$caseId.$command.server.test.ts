/**
 * The officer's words for a step's letter (decision 0321): each `letter-<element>` box is a
 * section, paragraphs split at blank lines, and a refusal of those words by the API is shown on
 * the box it came from (the error summary links to a field that exists).
 */
import { describe, expect, it } from "vitest";
import { letterWordsFields, letterWordsOf } from "./cases.$caseId.$command.server";

const form = (entries: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(entries)) f.append(k, v);
  return f;
};

describe("the letter's words from the step's form", () => {
  it("makes a section of each box the officer filled, a paragraph per blank-line-separated block", () => {
    const words = letterWordsOf(form({ outcome: "upheld", "letter-remedies": "We refunded you.\r\n\r\n  We apologise.  ", "letter-investigation": "   " }));
    expect(words).toEqual({ sections: [{ element: "remedies", paragraphs: ["We refunded you.", "We apologise."] }] });
    expect(letterWordsOf(form({ outcome: "upheld" }))).toBeUndefined();
  });

  it("puts the API's refusal of a paragraph, or of too many, on the box it came from", () => {
    const fields = letterWordsFields({
      sections: [
        { element: "remedies", paragraphs: ["a"] },
        { element: "investigation", paragraphs: ["b", "c"] },
      ],
    });
    expect(fields["letter.sections.1.paragraphs.1"]).toBe("letter-investigation");
    expect(fields["letter.sections.1.paragraphs"]).toBe("letter-investigation");
    expect(fields["letter.sections.0.paragraphs.0"]).toBe("letter-remedies");
  });
});
