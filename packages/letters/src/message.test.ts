import { RuleBook, defaultProfile } from "@complaints/core";
import { CaseScenario } from "@complaints/core/testing";
import { describe, expect, it } from "vitest";
import { buildLetterModel, type LetterContext } from "./build-model.js";
import { bilingualLetterMessage, letterMessage } from "./message.js";

const context: LetterContext = {
  date: "2026-11-03",
  customerAddress: { lines: ["12 Station Road", "Exampleton"], postcode: "EX2 4PQ" },
  staff: (id) => (id === "sam" ? { name: "Sam Patel", jobTitle: "Waste Services Manager" } : undefined),
  trackingCode: "ABCD-EFGH",
};

function acknowledged() {
  const scenario = new CaseScenario(new RuleBook(defaultProfile, []).rulesFor("waste", "complaint"));
  scenario.log({ reference: "CMP-2026-0042", channel: "email", customer: { id: "c-1", name: "Ada Lovelace" }, description: "My bin was missed.", desiredOutcome: "Empty it." }, "2026-11-02");
  scenario.do({ type: "triage", outcome: "accept" }, "2026-11-02");
  scenario.do({ type: "assign", handlerId: "sam" }, "2026-11-02");
  scenario.do({ type: "acknowledge" }, "2026-11-03");
  return scenario;
}

describe("letterMessage: the plain-English email that carries a letter (decision 0321)", () => {
  it("an acknowledgement's email says we have it, that the letter is attached, when we will reply, and signs as the letter does", () => {
    const scenario = acknowledged();
    const model = buildLetterModel("acknowledgement", scenario.case, scenario.rules, defaultProfile, context);
    const message = letterMessage(model);
    expect(message.subject).toBe("We have received your complaint (CMP-2026-0042)");
    expect(message.text).toBe(
      [
        "Dear Ada Lovelace,",
        "We have received your complaint and we are looking into it.",
        "Our letter is attached to this email. Please read it: it sets out what happens next.",
        "We will send you our full response by 17 November 2026.",
        `Our reference is CMP-2026-0042. Please quote it if you contact us, by phone on ${defaultProfile.letterhead.phone} or by email to ${defaultProfile.letterhead.email}.`,
        "You can check how your complaint is going online with our reference and the tracking code printed on the letter.",
        defaultProfile.letterhead.otherFormats,
        `Yours sincerely,\nSam Patel\nWaste Services Manager\n${defaultProfile.name}`,
      ].join("\n\n") + "\n",
    );
  });

  it("an extension's email repeats the new date from the letter, and a response's promises no date it does not hold", () => {
    const scenario = acknowledged();
    scenario.do({ type: "extend", reason: "We are waiting for the crew report.", workingDays: 10, ombudsmanDetailsGiven: true }, "2026-11-05");
    const extension = letterMessage(buildLetterModel("extension-notice", scenario.case, scenario.rules, defaultProfile, context));
    expect(extension.subject).toBe("We need more time to respond to your complaint (CMP-2026-0042)");
    expect(extension.text).toContain("We need more time to look into your complaint properly.\n\nOur letter is attached to this email. Please read it: it sets out everything in full.\n\nWe will now send you our full response by ");
    expect(extension.text).not.toContain("tracking code");

    scenario.do({ type: "respond", outcome: "upheld", reasons: "The crew missed your road." } as never, "2026-11-06");
    const response = letterMessage(buildLetterModel("stage-1-response", scenario.case, scenario.rules, defaultProfile, context));
    expect(response.text.split("\n\n").slice(0, 3)).toEqual([
      "Dear Ada Lovelace,",
      "We have finished looking into your complaint.",
      "Our letter is attached to this email. Please read it: it sets out everything in full.",
    ]);
    expect(response.text).not.toMatch(/will (now )?send you our full response/);
  });
});

describe("the email in the letter's language (Welsh Language Standards; decision 0104)", () => {
  const welshCouncil = { ...defaultProfile, correspondence: { ...defaultProfile.correspondence, languages: "welsh-on-request" as const } };

  it("a Welsh letter's email is wholly Welsh: subject, opening, the date it promises, how to reach us, the offer of formats and that Welsh is welcome", () => {
    const scenario = acknowledged();
    const model = buildLetterModel("acknowledgement", scenario.case, scenario.rules, welshCouncil, { ...context, language: "cy" });
    const message = letterMessage(model);
    expect(message.subject).toBe(`${model.subject} (CMP-2026-0042)`);
    expect(message.subject).toMatch(/^Rydym wedi cael eich cwyn/);
    expect(message.text.split("\n\n")).toEqual([
      "Annwyl Ada Lovelace,",
      "Rydym wedi cael eich cwyn ac rydym yn edrych arni.",
      "Mae ein llythyr wedi'i atodi i'r e-bost hwn. Darllenwch ef: mae'n nodi beth sy'n digwydd nesaf.",
      expect.stringContaining("17 Tachwedd 2026"),
      `Ein cyfeirnod yw CMP-2026-0042. Nodwch ef os byddwch yn cysylltu â ni, dros y ffôn ar ${defaultProfile.letterhead.phone} neu drwy e-bost at ${defaultProfile.letterhead.email}.`,
      "Gallwch weld hynt eich cwyn ar-lein gyda'n cyfeirnod a'r cod olrhain sydd wedi'i argraffu ar y llythyr.",
      expect.stringMatching(/^Os hoffech gael y llythyr hwn mewn print bras.* Rydym yn croesawu gohebiaeth yn Gymraeg\./),
      `Yn gywir,\nSam Patel\nWaste Services Manager\n${defaultProfile.name}\n`,
    ]);
    expect(message.text).not.toMatch(/\b(We|Our|Dear|Yours|November)\b/);
  });

  it("an English letter of a council that offers Welsh still says, in English, that Welsh is welcome", () => {
    const scenario = acknowledged();
    const text = letterMessage(buildLetterModel("acknowledgement", scenario.case, scenario.rules, welshCouncil, context)).text;
    expect(text).toContain(`${defaultProfile.letterhead.otherFormats} We welcome correspondence in Welsh.`);
    expect(letterMessage(buildLetterModel("acknowledgement", scenario.case, scenario.rules, defaultProfile, context)).text).not.toContain("Welsh");
  });

  it("a bilingual letter's email is the Welsh message, then the English one; the subject names both, Welsh first", () => {
    const scenario = acknowledged();
    const bilingual = { ...defaultProfile, correspondence: { ...defaultProfile.correspondence, languages: "bilingual" as const } };
    const welsh = buildLetterModel("acknowledgement", scenario.case, scenario.rules, bilingual, { ...context, language: "cy" });
    const english = buildLetterModel("acknowledgement", scenario.case, scenario.rules, bilingual, context);
    const message = bilingualLetterMessage(welsh, english);
    expect(message.subject).toBe(`${welsh.subject} / We have received your complaint (CMP-2026-0042)`);
    expect(message.text).toBe(`${letterMessage(welsh).text}\n---\n\n${letterMessage(english).text}`);
    expect(() => bilingualLetterMessage(english, welsh)).toThrow(/Welsh letter's message and an English one's, in that order/);
  });
});
