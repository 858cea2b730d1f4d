/**
 * Issue 15, "Letter wording": each finding, reproduced from a case as a caseworker would run it
 * and checked in the text a resident reads (the PDF read back with pdf.js), not only in the
 * parts the letter is built from. Then every kind of letter, for every regime family, checked
 * for the faults that come from joining sentences: doubled punctuation, doubled blocks and
 * empty sentences.
 */
import { LETTER_KINDS, RuleBook, defaultProfile, type CouncilProfile, type LetterKind } from "@complaints/core";
import { CaseScenario, conformanceProfile, type StepCommand } from "@complaints/core/testing";
import { housingServicePlugin } from "@complaints/plugin-housing";
import { describe, expect, it } from "vitest";
import { readPdf } from "../test/read-pdf.js";
import { buildLetterModel, type LetterContext, type StaffMember } from "./build-model.js";
import type { LetterModel } from "./model.js";
import { renderBilingualLetterPdf, renderLetterPdf } from "./render.js";
import { REGIME_NAMES, REGIMES, regimeProfile, regimeRules, type RegimeName } from "../test/regimes.js";
import { sampleLetter } from "./sample-letters.js";

const STAFF: Record<string, StaffMember> = {
  sam: { name: "Sam Patel", jobTitle: "Repairs Manager", phone: "020 7946 0123", email: "sam.patel@example.gov.uk" },
  alex: { name: "Alex Brown", jobTitle: "Complaints Manager" },
  jo: { name: "Jo Evans", jobTitle: "Head of Service" },
};

const context: LetterContext = {
  date: "2026-01-20",
  customerAddress: { lines: ["Flat 4, Rosewood Court", "12 Station Road", "Exampleton"], postcode: "EX2 4PQ" },
  staff: (id) => STAFF[id],
  trackingCode: "BX7K-2M9Q",
  publicAddress: "https://complaints.example.gov.uk/",
};

const SERVICE = "council-housing";
/** A council with the housing service and the default profile's Ombudsman contacts. */
const housingProfile: CouncilProfile = { ...conformanceProfile(["housing"], SERVICE), ombudsmen: defaultProfile.ombudsmen };
const housingRules = new RuleBook(housingProfile, [housingServicePlugin]).rulesFor(SERVICE, "complaint");

/** What a reader reads: every page's text, lines joined with spaces. */
async function readText(pdf: Buffer): Promise<string> {
  const read = await readPdf(pdf);
  return read.pages
    .map((page) => page.text)
    .join(" ")
    .replace(/\s+/g, " ");
}

async function lettersText(model: LetterModel, options: { largePrint?: boolean } = {}): Promise<string> {
  return readText(await renderLetterPdf(model, options));
}

/** A housing complaint: acknowledged, extended, answered at Stage 1 with a remedy still open, escalated and answered at Stage 2. */
function housingCase() {
  const s = new CaseScenario(housingRules);
  s.log(
    {
      reference: "HSG-2026-0107",
      channel: "email",
      customer: { id: "c-1", name: "Ann Smith" },
      description: "Black mould in the bedroom has come back after the repair.",
      desiredOutcome: "Treat the mould properly.",
      intake: { tenancyReference: "T-100234" },
    },
    "2026-01-05",
  );
  s.do({ type: "triage", outcome: "accept" }, "2026-01-05");
  s.do({ type: "assign", handlerId: "sam" }, "2026-01-05");
  s.do({ type: "acknowledge" }, "2026-01-06");
  return s;
}

function extended(s: CaseScenario) {
  s.do({ type: "extend", workingDays: 5, reason: "We are waiting for a damp survey after a delay.", ombudsmanDetailsGiven: true }, "2026-01-12");
  return s;
}

function respondedAtStage1(s: CaseScenario) {
  s.do(
    {
      type: "respond",
      outcome: "upheld",
      reasons: "The mould was painted over, not treated.",
      remedies: [{ id: "r-1", type: "action", description: "We will treat the mould in your son's bedroom.", ownerId: "sam", dueOn: "2026-01-22" }],
    },
    "2026-01-14",
  );
  return s;
}

function respondedAtStage2(s: CaseScenario) {
  s.do({ type: "escalate", reason: "The mould is still there." }, "2026-01-15");
  s.do({ type: "assign", handlerId: "alex" }, "2026-01-15");
  s.do({ type: "acknowledge" }, "2026-01-16");
  s.do({ type: "respond", outcome: "not-upheld", reasons: "The Stage 1 response was right, and the treatment is booked." }, "2026-01-19");
  return s;
}

const build = (kind: LetterKind, s: CaseScenario, extra: Partial<LetterContext> = {}) => buildLetterModel(kind, s.case, s.rules, housingProfile, { ...context, ...extra });

describe("issue 15, letter wording: each finding in the text the resident reads", () => {
  it("'There is nothing still to be done': a Stage 2 response lists the Stage 1 remedy that is still open", async () => {
    const text = await lettersText(build("stage-2-response", respondedAtStage2(respondedAtStage1(housingCase()))));
    expect(text).not.toContain("There is nothing still to be done");
    expect(text).toContain("Still to be done: We will treat the mould in your son's bedroom (from our Stage 1 response, by 22 January 2026).");
  });

  it("'nothing still to be done' is said only when nothing is: a Stage 2 response after the Stage 1 remedy was completed", async () => {
    const s = respondedAtStage1(housingCase());
    s.do({ type: "complete-remedy", remedyId: "r-1" }, "2026-01-15");
    const text = await lettersText(build("stage-2-response", respondedAtStage2(s)));
    expect(text).toContain("There is nothing still to be done.");
  });

  it("the Ombudsman's details printed twice (once missing 'Preston'): the final response gives them once, with the town", async () => {
    const text = await lettersText(build("stage-2-response", respondedAtStage2(respondedAtStage1(housingCase()))));
    expect(text.match(/0300 111 3000/g)).toHaveLength(1);
    expect(text.match(/PO Box 1484/g)).toHaveLength(1);
    expect(text).toContain("write to PO Box 1484, Unit D, Preston, PR2 0ET.");
  });

  it("'bedroom., by 22 January': a remedy the officer ended with a full stop reads as one sentence with its date", async () => {
    const text = await lettersText(build("stage-1-response", respondedAtStage1(housingCase())));
    expect(text).toContain("We will treat the mould in your son's bedroom, by 22 January 2026.");
    expect(text).not.toMatch(/\.,/);
  });

  it("'delay..': officer text ending in a full stop is not given a second one where our sentences join it", async () => {
    const s = housingCase();
    s.do({ type: "request-information", id: "ir-1", from: "customer", what: "Photographs of the mould after the delay." }, "2026-01-07");
    const text = await lettersText(build("information-request", s));
    expect(text).toContain("Please send us: Photographs of the mould after the delay.");
    expect(text).not.toMatch(/(?<!\.)\.\.(?!\.)/);
  });

  it("the extension letter does not send the resident to the Ombudsman while we carry on: it says they may go if they disagree with the extension (code 6.5)", async () => {
    const text = await lettersText(build("extension-notice", extended(housingCase())));
    expect(text).toContain("We are still looking into your complaint. If you do not agree that we need this extra time, you can contact the Housing Ombudsman Service.");
    expect(text).not.toContain("If you are still unhappy");
    expect(text).not.toContain("You should contact them by");
    expect(text).toContain("We will now send you our full response by 27 January 2026.");
  });

  it("the sample extension letters (previews, the benchmark) word the Ombudsman the same way, for every family", () => {
    for (const family of REGIME_NAMES) {
      const ombudsman = sampleLetter("extension-notice", regimeRules(family)).sections.find((section) => section.element === "ombudsman-details");
      if (!ombudsman) continue;
      expect(ombudsman.paragraphs[0], family).toMatch(/^We are still looking into your complaint\. If you do not agree that we need this extra time, you can contact the /);
    }
  });

  it("the large-print letter does not offer large print, and still offers the other formats", async () => {
    const model = build("acknowledgement", housingCase());
    const large = await lettersText(model, { largePrint: true });
    expect(large).not.toMatch(/large print/i);
    expect(large).toContain("You can also ask for this letter in braille, audio or another language");
    // A standard-print letter keeps the council's own sentence.
    expect(await lettersText(model)).toContain(housingProfile.letterhead.otherFormats);
  });

  it("the Stage 1 response says what the complaint was about (complaint handling code 2024 6.9: the complaint definition)", async () => {
    const text = await lettersText(build("stage-1-response", respondedAtStage1(housingCase())));
    expect(text).toContain("We defined your complaint as: Black mould in the bedroom has come back after the repair.");
  });

  it("the Stage 2 route mentions the online form: the public escalate page on the council's address", async () => {
    const text = await lettersText(build("stage-1-response", respondedAtStage1(housingCase())));
    expect(text).toContain(
      "You can phone, email or write to us, and you do not have to give reasons. You can also ask online at complaints.example.gov.uk/escalate, with our reference and the tracking code from our first letter.",
    );
  });
});

describe("Welsh and bilingual letters", () => {
  it("a Welsh letter has every fixed sentence in Welsh, with Welsh dates, and Welsh labels in the head and foot", async () => {
    const text = await lettersText(build("stage-1-response", respondedAtStage1(housingCase()), { language: "cy" }));
    for (const welsh of [
      "Ein hymateb i'ch cwyn",
      "Annwyl Ann Smith",
      "Dyma ein hymateb i'ch cwyn yn y cam hwn, sef Cam 1.",
      "Rydym wedi cadarnhau eich cwyn.",
      "We will treat the mould in your son's bedroom, erbyn 22 Ionawr 2026.",
      "gallwch ofyn i ni edrych ar eich cwyn eto yn y cam nesaf, sef Cam 2.",
      "Ein cyfeirnod: HSG-2026-0107",
      "Dyddiad: 20 Ionawr 2026",
      "Yn gywir",
      "Tudalen 1 o 1",
      "Gallwch ofyn am y llythyr hwn mewn print bras",
    ]) {
      expect(text).toContain(welsh);
    }
    // Only the officer's own words are English.
    for (const english of ["Dear ", "Our reference", "Yours sincerely", "Page 1", "January", "Stage 2", "If you are"]) expect(text).not.toContain(english);
  });

  it("a bilingual letter is one PDF, Welsh first then English, each with its own pages, and draws ŵ ŷ â in the letter font", async () => {
    const s = housingCase();
    const welsh = buildLetterModel("acknowledgement", s.case, s.rules, housingProfile, { ...context, language: "cy", staff: () => ({ name: "Siôn Ŵyn", jobTitle: "Swyddog Cwynion" }) });
    const english = buildLetterModel("acknowledgement", s.case, s.rules, housingProfile, { ...context, language: "en", staff: () => ({ name: "Siôn Ŵyn", jobTitle: "Swyddog Cwynion" }) });
    const pdf = await renderBilingualLetterPdf(welsh, english);
    const read = await readPdf(pdf);
    expect(read.language).toBe("cy-GB");
    expect(read.pages).toHaveLength(2);
    expect(read.pages[0]!.text).toContain("Rydym wedi cael eich cwyn");
    expect(read.pages[0]!.text).toContain("Tudalen 1 o 1");
    expect(read.pages[1]!.text).toContain("We have received your complaint");
    expect(read.pages[1]!.text).toContain("Page 1 of 1");
    expect(read.pages[0]!.text).toContain("Siôn Ŵyn");
    expect(read.pages[0]!.text).toContain("Mae Siôn Ŵyn, Swyddog Cwynion, yn delio â'ch cwyn.");
    // Only the letter font is embedded: no Welsh letter fell back to another face (decision 0102).
    const faces = new Set([...pdf.toString("latin1").matchAll(/\/BaseFont\s*\/[A-Z]{6}\+([A-Za-z-]+)/g)].map((m) => m[1]));
    expect([...faces].sort()).toEqual(["AtkinsonHyperlegibleNext-Bold", "AtkinsonHyperlegibleNext-Regular"]);
  });

  it("a council that offers Welsh says on every letter, in its language, that it welcomes correspondence in Welsh (Welsh Language Standards)", async () => {
    const s = housingCase();
    const welshCouncil: CouncilProfile = { ...housingProfile, correspondence: { ...housingProfile.correspondence, languages: "welsh-on-request" } };
    const english = await lettersText(buildLetterModel("acknowledgement", s.case, s.rules, welshCouncil, context));
    expect(english).toContain("We welcome correspondence in Welsh. We will reply in Welsh, and writing to us in Welsh will not delay our reply.");
    const welsh = await lettersText(buildLetterModel("acknowledgement", s.case, s.rules, welshCouncil, { ...context, language: "cy" }));
    expect(welsh).toContain("Rydym yn croesawu gohebiaeth yn Gymraeg.");
    // An English-only council's letters do not.
    expect(await lettersText(build("acknowledgement", s))).not.toContain("Welsh");
  });

  it("refuses a 'bilingual' letter whose halves are not the same letter in Welsh then English", async () => {
    const s = housingCase();
    const english = build("acknowledgement", s);
    await expect(renderBilingualLetterPdf(english, english)).rejects.toThrow(/Welsh letter \(language cy\) and an English one/);
    await expect(renderBilingualLetterPdf(build("acknowledgement", s, { language: "cy" }), build("information-request", s))).rejects.toThrow(/same letter/);
  });
});

/**
 * A case taken as far through its stages as the regime lets a plain run of commands go: each
 * stage acknowledged, extended, given a holding response and answered with a remedy whose
 * officer text ends in a full stop, then escalated. A step the regime refuses is skipped.
 */
function familyCase(family: RegimeName) {
  const rules = regimeRules(family);
  const s = new CaseScenario(rules);
  s.log(
    {
      channel: "email",
      customer: { id: "c-1", name: "Ann Smith" },
      description: "The repair was not done.",
      desiredOutcome: "Do the repair.",
      ...REGIMES[family].log,
    },
    "2026-01-05",
  );
  const handlers = ["sam", "alex", "jo"];
  const attempt = (command: StepCommand, on: string) => s.try(command, on);
  attempt({ type: "triage", outcome: "accept" }, "2026-01-05");
  rules.regime.stages.forEach((_, index) => {
    const day = (n: number) => `2026-0${1 + index}-${String(n).padStart(2, "0")}`;
    attempt({ type: "assign", handlerId: handlers[index]! }, day(6));
    if (!attempt({ type: "acknowledge", offerToDiscuss: true } as StepCommand, day(6)).ok) attempt({ type: "acknowledge" }, day(6));
    attempt({ type: "request-information", id: `ir-${index}`, from: "customer", what: "Photographs of the damage." }, day(7));
    attempt({ type: "extend", workingDays: 5, reason: "We are waiting for a survey.", ombudsmanDetailsGiven: true }, day(8));
    attempt({ type: "holding-response", summary: "The survey was delayed." }, day(9));
    attempt(
      {
        type: "respond",
        outcome: "partly-upheld",
        reasons: "The repair was late.",
        remedies: [{ id: `r-${index}`, type: "action", description: "We will do the repair.", ownerId: handlers[index]!, dueOn: day(28) }],
        outstandingActions: ["We will check the repair."],
        signedBy: handlers[index]!,
      } as StepCommand,
      day(12),
    );
    attempt({ type: "escalate", reason: "I am still unhappy." }, day(13));
  });
  // Our reply to the next body's enquiry, approved by a Head of Service (decision 0324), for its covering letter.
  s.do({ type: "ombudsman-enquiry", enquiryId: "ob-1", body: rules.regime.nextBody.id, reference: "26 000 001", responseDueOn: "2026-06-30" }, "2026-06-01");
  s.do({ type: "request-approval", approvalId: "ob-1-reply", enquiryId: "ob-1" }, "2026-06-02");
  s.do({ type: "decide-approval", approvalId: "ob-1-reply", decision: "approve" }, "2026-06-03", { id: "jo", roles: ["head-of-service"] });
  s.do({ type: "ombudsman-response", enquiryId: "ob-1", approvalId: "ob-1-reply" }, "2026-06-04");
  return s;
}

/** The letter's text as printed, paragraph by paragraph (subject, greeting, sections, plugin paragraphs). */
function printedParagraphs(model: LetterModel): string[] {
  return [
    model.subject,
    model.salutation,
    ...(model.slots?.opening ?? []).map((p) => p.text),
    ...model.sections.flatMap((section) => [...(section.heading ? [section.heading] : []), ...section.paragraphs]),
    ...(model.slots?.["body-end"] ?? []).map((p) => p.text),
    ...(model.slots?.["before-signoff"] ?? []).map((p) => p.text),
  ];
}

const DOUBLED_PUNCTUATION = /(?<!\.)\.\.(?!\.)|[.;:,]\s*,|,\s*[.;:]|;\s*[.;]|\s[.,;:](?!\d)/;
const EMPTY_SENTENCE = /[.!?:]\s*[.!?]|\(\s*\)|:\s*$|\{[a-zA-Z]+\}|\bundefined\b|\bnull\b|\bNaN\b/;

describe("every kind of letter, for every regime family: the assembled text has no doubled punctuation, doubled blocks or empty sentences", () => {
  for (const family of REGIME_NAMES) {
    it(`${family}`, async () => {
      const s = familyCase(family);
      const stageIds = s.rules.regime.stages.map((stage) => stage.id);
      const stageFor: Partial<Record<LetterKind, string | undefined>> = {
        "stage-1-response": stageIds[0],
        "stage-2-response": stageIds[1],
        "stage-3-response": stageIds[2],
      };
      for (const language of ["en", "cy"] as const) {
        for (const kind of LETTER_KINDS) {
          const stageId = kind in stageFor ? stageFor[kind] : undefined;
          if (kind in stageFor && !stageId) continue; // the regime has no such stage
          const model = buildLetterModel(kind, s.case, s.rules, regimeProfile(family), {
            ...context,
            language,
            signatoryId: "jo",
            ...(stageId ? { stageId } : {}),
          });
          const where = `${family} ${kind} (${language})`;
          const paragraphs = printedParagraphs(model);
          for (const paragraph of paragraphs) {
            expect(paragraph, where).not.toMatch(DOUBLED_PUNCTUATION);
            expect(paragraph, where).not.toMatch(EMPTY_SENTENCE);
            expect(paragraph.trim(), where).not.toBe("");
          }
          // A block said twice, or the next body's phone number given in two places.
          expect(new Set(paragraphs).size, `${where}: a paragraph is printed twice`).toBe(paragraphs.length);
          const phone = model.sections.length > 0 ? defaultProfile.ombudsmen[s.rules.regime.nextBody.id]?.phone : undefined;
          if (phone) expect(paragraphs.filter((p) => p.includes(phone)).length, `${where}: the Ombudsman's details twice`).toBeLessThanOrEqual(1);
          const read = await lettersText(model);
          expect(read, where).not.toMatch(/(?<!\.)\.\.(?!\.)|\.,|,\./);
        }
      }
    }, 60_000);
  }
});
