import { describe, expect, it } from "vitest";
import { fieldErrorsOf, letterRequestFrom, missingErrors, missingOf, paragraphsOf } from "./letters.server";
import { attachmentErrorMessage } from "./letters";

const form = (entries: Array<[string, string]>) => {
  const f = new FormData();
  for (const [k, v] of entries) f.append(k, v);
  return f;
};

describe("a letter as written on its page", () => {
  it("splits each box into paragraphs at blank lines, joining lines within a paragraph", () => {
    expect(paragraphsOf("We checked your account.\nTwice.\r\n\r\n  We are sorry.  \n\n\n")).toEqual(["We checked your account. Twice.", "We are sorry."]);
    expect(paragraphsOf("   \n  ")).toEqual([]);
  });

  it("sends the officer's sections, leaving out empty boxes so the draft's own wording stays", () => {
    const { request, errors } = letterRequestFrom(
      form([
        ["_csrf", "token"],
        ["section-reasons", "Because."],
        ["section-remedies", ""],
        ["largePrint", "large"],
        ["language", "cy"],
        ["intent", "issue"],
      ]),
      "case-1",
      7,
    );
    expect(errors).toEqual({});
    expect(request).toEqual({ caseId: "case-1", outboxId: 7, sections: [{ element: "reasons", paragraphs: ["Because."] }], largePrint: true, language: "cy" });
  });

  it("reads an address one line each with its postcode, and says what is missing from it", () => {
    const given = letterRequestFrom(form([["customerAddress", "4 Bin Lane\n\nExampleton"], ["customerAddressPostcode", "ex4 2bl"], ["largePrint", "auto"]]), "c", 1);
    expect(given.request.customerAddress).toEqual({ lines: ["4 Bin Lane", "Exampleton"], postcode: "ex4 2bl" });
    expect(given.request).not.toHaveProperty("largePrint");
    expect(letterRequestFrom(form([["customerAddress", "4 Bin Lane"]]), "c", 1).errors).toEqual({ customerAddressPostcode: "Enter the postcode" });
    expect(letterRequestFrom(form([["representativeAddressPostcode", "EX1 1AA"]]), "c", 1).errors).toEqual({ representativeAddress: "Enter the address, one line each, above the postcode" });
  });
});

describe("what a letter lacks (422 LETTER_INCOMPLETE), in the error summary", () => {
  const incomplete = { code: "UNPROCESSABLE_CONTENT", cause: { refusal: { code: "LETTER_INCOMPLETE", message: "…", missing: [
    { element: "recipient-address", description: "the customer's postal address (add it to their record, or give it for this letter)", source: "docs/design.md §6" },
    { element: "remedies", description: "what we will do to put things right", source: "Complaint handling code 6.9" },
    { element: "recipient", description: "someone to send it to", source: "docs/design.md §6" },
  ] } } };

  it("lists each missing element in plain words against the field where it is written", () => {
    const missing = missingOf(incomplete);
    // Listed in the order of the page: the letter's text, then the address.
    expect(Object.keys(missingErrors(missing!))).toEqual(["section-remedies", "customerAddress", "_form"]);
    expect(missingErrors(missing!)).toEqual({
      customerAddress: "The letter needs the customer's postal address (add it to their record, or give it for this letter)",
      "section-remedies": "The letter needs what we will do to put things right",
      _form: "The letter needs someone to send it to",
    });
  });

  it("is only about that refusal", () => {
    expect(missingOf({ cause: { refusal: { code: "LETTER_NOT_POSSIBLE" } } })).toBeNull();
    expect(missingOf(new Error("boom"))).toBeNull();
  });

  it("puts the API's field messages on the page's fields", () => {
    const request = { caseId: "c", outboxId: 1, sections: [{ element: "reasons" as never, paragraphs: ["x"] }] };
    const invalid = { code: "BAD_REQUEST", cause: { issues: [
      { path: ["sections", 0, "paragraphs", 0], message: "Keep each paragraph under 5,000 characters" },
      { path: ["customerAddress", "postcode"], message: "a UK postcode like LS1 1UR" },
    ] } };
    expect(fieldErrorsOf(invalid, request)).toEqual({ "section-reasons": "Keep each paragraph under 5,000 characters", customerAddressPostcode: "a UK postcode like LS1 1UR" });
    expect(fieldErrorsOf(new Error("a bug"), request)).toBeNull();
  });
});

describe("a refused file, as the GOV.UK file upload pattern says it", () => {
  const limits = { maxSize: "20 MB", typeNames: ["PDF", "JPG", "PNG"] };
  it("turns each reason the API gives into the pattern's words", () => {
    expect(attachmentErrorMessage("too-large", limits)).toBe("The selected file must be smaller than 20 MB");
    expect(attachmentErrorMessage("type-not-allowed", limits)).toBe("The selected file must be a PDF, JPG or PNG");
    expect(attachmentErrorMessage("empty", limits)).toBe("The selected file is empty");
    expect(attachmentErrorMessage("no-file", limits)).toBe("Select a file");
  });
  it("says an over-long description is what is wrong, not the file (issue 20)", () => {
    expect(attachmentErrorMessage("description-too-long", limits)).toBe("The description must be 500 characters or fewer");
    expect(attachmentErrorMessage("bad-file-name", limits)).toMatch(/hidden direction marks/);
  });
  it("never repeats what the address says: an unknown reason gets a general message", () => {
    expect(attachmentErrorMessage("<script>", limits)).toBe("The selected file could not be added: try again");
  });
});
