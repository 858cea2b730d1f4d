import { RuleBook, defaultProfile, type ResolvedRules } from "@complaints/core";
import { regimeRules } from "../test/regimes.js";
import { CaseScenario } from "@complaints/core/testing";
import { describe, expect, it } from "vitest";
import { LetterModelError, buildLetterModel, withSections, type LetterContext, type StaffMember } from "./build-model.js";
import { checkRequiredContent } from "./required-content.js";
import { renderLetterPdf } from "./render.js";

const STAFF: Record<string, StaffMember> = {
  sam: { name: "Sam Patel", jobTitle: "Waste Services Manager", phone: "020 7946 0123", email: "sam.patel@example.gov.uk" },
  alex: { name: "Alex Brown", jobTitle: "Complaints Manager" },
};

const context: LetterContext = {
  date: "2026-11-23",
  customerAddress: { lines: ["Flat 4, Rosewood Court", "12 Station Road", "Exampleton"], postcode: "EX2 4PQ" },
  staff: (id) => STAFF[id],
};

function wasteRules(): ResolvedRules {
  return new RuleBook(defaultProfile, []).rulesFor("waste", "complaint");
}

function loggedComplaint() {
  const scenario = new CaseScenario(wasteRules());
  scenario.log(
    {
      reference: "CMP-2026-0042",
      channel: "email",
      customer: { id: "c-1", name: "Ada Lovelace" },
      description: "My green bin has not been emptied for three weeks.",
      desiredOutcome: "Empty the bin and collect it on the right day from now on.",
    },
    "2026-11-02",
  );
  scenario.do({ type: "triage", outcome: "accept" }, "2026-11-02");
  scenario.do({ type: "assign", handlerId: "sam" }, "2026-11-02");
  return scenario;
}

describe("buildLetterModel: a draft letter from the case, ready for the content rules", () => {
  it("the resolved rules carry the letter checklists (core's default regime is the 2024 code, the LGSCO next)", () => {
    expect(wasteRules().letters.procedure).toMatch(/complaint handling code/);
    expect(wasteRules().letters.content["stage-2-response"]?.find((item) => item.element === "ombudsman-details")?.mentionsAnyOf).toEqual(["Local Government and Social Care Ombudsman"]);
  });

  it("an acknowledgement built from the case carries all the Southwark/code 6.2 content and can be issued", () => {
    const scenario = loggedComplaint();
    scenario.do({ type: "acknowledge" }, "2026-11-03");
    const model = buildLetterModel("acknowledgement", scenario.case, scenario.rules, defaultProfile, context);

    expect(checkRequiredContent(model, regimeRules("code-2024"))).toEqual([]);
    const text = (element: string) => model.sections.find((section) => section.element === element)?.paragraphs.join(" ");
    expect(text("date-received")).toBe("We received your complaint on 2 November 2026.");
    expect(text("complaint-summary")).toContain("My green bin has not been emptied for three weeks.");
    expect(text("desired-outcome")).toContain("Empty the bin");
    expect(text("handler")).toBe("Sam Patel, Waste Services Manager, is dealing with your complaint.");
    expect(text("response-due-date")).toBe(`We will send you our full response by 17 November 2026.`);
    expect(text("contact-details")).toContain("020 7946 0123");
    expect(text("missing-information")).toBe("We do not need any more information from you at the moment.");
    expect(model.recipient).toEqual({ name: "Ada Lovelace", address: context.customerAddress });
    expect(model.council.name).toBe(defaultProfile.name);
    expect(model.signOff).toMatchObject({ name: "Sam Patel", jobTitle: "Waste Services Manager", signedByResponsiblePerson: false });
  });

  it("says the day the complaint arrived, even when the clock starts on the next working day (Southwark receipt rule)", () => {
    const scenario = new CaseScenario(wasteRules());
    scenario.log({ channel: "web", customer: { id: "c-1", name: "Ada Lovelace" }, description: "Missed bin." }, "2026-11-01");
    scenario.do({ type: "triage", outcome: "accept" }, "2026-11-02");
    scenario.do({ type: "assign", handlerId: "sam" }, "2026-11-02");
    expect(scenario.case.receipt.countsFrom).toBe("2026-11-02");
    const model = buildLetterModel("acknowledgement", scenario.case, scenario.rules, defaultProfile, context);
    expect(model.sections.find((section) => section.element === "date-received")?.paragraphs).toEqual([
      "We received your complaint on 1 November 2026.",
    ]);
  });

  it("a Stage 1 response states the decision, reasons, remedies, outstanding actions and the way to Stage 2", async () => {
    const scenario = loggedComplaint();
    scenario.do({ type: "acknowledge" }, "2026-11-03");
    scenario.do(
      {
        type: "respond",
        outcome: "partly-upheld",
        reasons: "The crew missed your street twice because of a routing error. We could not confirm the third missed collection.",
        remedies: [{ id: "r-1", type: "apology", description: "We apologise for the missed collections", ownerId: "sam", dueOn: null }],
        outstandingActions: ["Your street has been added back to the Tuesday round"],
      },
      "2026-11-10",
    );
    const model = buildLetterModel("stage-1-response", scenario.case, scenario.rules, defaultProfile, context);
    expect(checkRequiredContent(model, regimeRules("code-2024"))).toEqual([]);
    expect(model.sections.map((section) => section.element)).toEqual([
      "stage",
      "complaint-definition",
      "decision",
      "reasons",
      "remedies",
      "outstanding-actions",
      "escalation-route",
    ]);
    expect(model.sections.find((section) => section.element === "decision")?.paragraphs).toEqual(["We have partly upheld your complaint."]);
    expect(model.sections.find((section) => section.element === "escalation-route")?.paragraphs[0]).toContain("at Stage 2");
    const pdf = await renderLetterPdf(model);
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
  });

  it("the final response names the regime's Ombudsman with the council profile's contact details", () => {
    const scenario = loggedComplaint();
    scenario.do({ type: "acknowledge" }, "2026-11-03");
    scenario.do({ type: "respond", outcome: "not-upheld", reasons: "The bin was emptied on each collection day." }, "2026-11-10");
    scenario.do({ type: "escalate", reason: "I do not accept that the bin was emptied." }, "2026-11-12");
    scenario.do({ type: "assign", handlerId: "alex" }, "2026-11-12");
    scenario.do({ type: "acknowledge" }, "2026-11-13");
    scenario.do({ type: "respond", outcome: "not-upheld", reasons: "The crew's tracker shows each visit." }, "2026-11-20");
    const model = buildLetterModel("stage-2-response", scenario.case, scenario.rules, defaultProfile, context);

    const ombudsman = model.sections.find((section) => section.element === "ombudsman-details")?.paragraphs.join(" ");
    expect(ombudsman).toContain("Local Government and Social Care Ombudsman");
    expect(ombudsman).toContain("0300 061 0614");
    expect(model.subject).toBe("Our final response to your complaint");
    expect(model.sections.find((section) => section.element === "remedies")?.paragraphs).toEqual([
      "As we did not find that we were at fault, we are not offering a remedy.",
    ]);
    // The complaint definition is the officer's to write: the draft is not issuable until they do.
    expect(checkRequiredContent(model, regimeRules("code-2024")).map((item) => item.element)).toEqual(["complaint-definition"]);
  });

  it("a Stage 2 request made on a bank holiday is acknowledged as received that day, not on the day its clock starts (decision 0108)", () => {
    const scenario = new CaseScenario(wasteRules());
    scenario.log({ reference: "CMP-2027-0007", channel: "email", customer: { id: "c-1", name: "Ada Lovelace" }, description: "My green bin has not been emptied." }, "2027-04-12");
    scenario.do({ type: "triage", outcome: "accept" }, "2027-04-12");
    scenario.do({ type: "acknowledge" }, "2027-04-13");
    scenario.do({ type: "respond", outcome: "not-upheld", reasons: "The bin was emptied on each collection day." }, "2027-04-20");
    // Mon 3 May 2027 is the Early May bank holiday: the request counts from Tue 4 May.
    scenario.do({ type: "escalate", requestedAt: "2027-05-03T10:00:00Z", reason: "I do not accept that." }, "2027-05-04");
    scenario.do({ type: "assign", handlerId: "alex" }, "2027-05-04");
    const model = buildLetterModel("escalation-acknowledgement", scenario.case, scenario.rules, defaultProfile, context);
    expect(model.sections.find((section) => section.element === "date-received")?.paragraphs).toEqual(["We received your request on 3 May 2027."]);
  });

  it("an extension notice carries the recorded reason, the new date and the Ombudsman (code 6.4–6.5)", () => {
    const scenario = loggedComplaint();
    scenario.do({ type: "acknowledge" }, "2026-11-03");
    scenario.do({ type: "extend", workingDays: 5, reason: "We are waiting for the crew's tracker records.", ombudsmanDetailsGiven: true }, "2026-11-12");
    const model = buildLetterModel("extension-notice", scenario.case, scenario.rules, defaultProfile, context);
    expect(checkRequiredContent(model, regimeRules("code-2024"))).toEqual([]);
    expect(model.sections.find((section) => section.element === "extension-reasons")?.paragraphs).toEqual([
      "We are waiting for the crew's tracker records.",
    ]);
    expect(model.sections.find((section) => section.element === "new-due-date")?.paragraphs[0]).toBe(
      "We will now send you our full response by 24 November 2026.",
    );
  });

  it("writes to an MP acting for the customer, with the customer in the Re: line", () => {
    const scenario = new CaseScenario(wasteRules());
    scenario.log(
      {
        reference: "CMP-2026-0043",
        channel: "email",
        customer: { id: "c-1", name: "Ada Lovelace" },
        representative: { name: "Jane Example MP", role: "mp", consent: { basis: "elected-member", recordedOn: "2026-11-02" }, replyTo: "representative" },
        description: "My constituent's bin has not been emptied.",
      },
      "2026-11-02",
    );
    scenario.do({ type: "triage", outcome: "accept" }, "2026-11-02");
    scenario.do({ type: "assign", handlerId: "sam" }, "2026-11-02");
    const representativeAddress = { lines: ["House of Commons", "London"], postcode: "SW1A 0AA" };
    expect(() => buildLetterModel("acknowledgement", scenario.case, scenario.rules, defaultProfile, context)).toThrow(LetterModelError);
    const model = buildLetterModel("acknowledgement", scenario.case, scenario.rules, defaultProfile, { ...context, representativeAddress });
    expect(model.recipient).toEqual({ name: "Jane Example MP", address: representativeAddress });
    expect(model.onBehalfOf).toEqual({ name: "Ada Lovelace", address: context.customerAddress });
    expect(model.salutation).toBe("Dear Jane Example MP");
  });

  it("prints the customer's tracking code under the reference on their acknowledgement, and on no other letter or recipient", () => {
    const scenario = loggedComplaint();
    scenario.do({ type: "acknowledge" }, "2026-11-03");
    const withCode = { ...context, trackingCode: "7KQ2-M9XD-4RTA" };
    const model = buildLetterModel("acknowledgement", scenario.case, scenario.rules, defaultProfile, withCode);
    expect(model.trackingCode).toBe("7KQ2-M9XD-4RTA");
    expect(model.sections.find((section) => section.element === "contact-details")?.paragraphs.join(" ")).toContain("check how your complaint is going online");
    expect(checkRequiredContent(model, regimeRules("code-2024"))).toEqual([]);
    // Later letters do not repeat it: the acknowledgement is where the customer gets it.
    scenario.do({ type: "respond", outcome: "upheld", reasons: "We missed the collections." }, "2026-11-10");
    expect(buildLetterModel("stage-1-response", scenario.case, scenario.rules, defaultProfile, withCode).trackingCode).toBeUndefined();
    expect(buildLetterModel("acknowledgement", scenario.case, scenario.rules, defaultProfile, context).trackingCode).toBeUndefined();
  });

  it("never prints the tracking code on a letter to a representative", () => {
    const scenario = new CaseScenario(wasteRules());
    scenario.log(
      {
        reference: "CMP-2026-0044",
        channel: "email",
        customer: { id: "c-1", name: "Ada Lovelace" },
        representative: { name: "Jane Example MP", role: "mp", consent: { basis: "elected-member", recordedOn: "2026-11-02" }, replyTo: "representative" },
        description: "My constituent's bin has not been emptied.",
      },
      "2026-11-02",
    );
    scenario.do({ type: "triage", outcome: "accept" }, "2026-11-02");
    scenario.do({ type: "assign", handlerId: "sam" }, "2026-11-02");
    const representativeAddress = { lines: ["House of Commons", "London"], postcode: "SW1A 0AA" };
    const model = buildLetterModel("acknowledgement", scenario.case, scenario.rules, defaultProfile, { ...context, representativeAddress, trackingCode: "7KQ2-M9XD-4RTA" });
    expect(model.trackingCode).toBeUndefined();
    expect(JSON.stringify(model)).not.toContain("7KQ2-M9XD-4RTA");
  });

  it("fills plugin slots with the paragraphs that plugins register for this kind of letter", () => {
    const scenario = loggedComplaint();
    scenario.do({ type: "acknowledge" }, "2026-11-03");
    const rules: ResolvedRules = {
      ...scenario.rules,
      letterParagraphs: [
        { id: "waste.report-missed-bin", letters: ["acknowledgement"], slot: "body-end", render: () => "You can report a missed bin online at any time." },
        { id: "waste.never-shown", letters: ["stage-1-response"], slot: "opening", render: () => "Not for acknowledgements." },
        { id: "waste.nothing-to-say", letters: ["acknowledgement"], slot: "opening", render: () => null },
      ],
    };
    const model = buildLetterModel("acknowledgement", scenario.case, rules, defaultProfile, context);
    expect(model.slots).toEqual({ "body-end": [{ id: "waste.report-missed-bin", text: "You can report a missed bin online at any time." }] });
  });

  it("acknowledges a comment as a compliment is acknowledged, saying what it was about from the case (Leeds policy 5), so only the team it was passed to needs the officer's words", () => {
    for (const kind of ["compliment", "comment"] as const) {
      const rules = new RuleBook(defaultProfile, []).rulesFor("waste", kind);
      const scenario = new CaseScenario(rules);
      scenario.log({ reference: `FB-${kind}`, channel: "email", customer: { id: "c-2", name: "Grace Hopper" }, description: "The crew put my bin back by the gate every week." }, "2026-11-02");
      const model = buildLetterModel("compliment-acknowledgement", scenario.case, rules, defaultProfile, { ...context, signatoryId: "alex" });
      expect(model.sections.find((section) => section.element === "compliment-summary")?.paragraphs.join(" "), kind).toBe("Thank you for telling us: The crew put my bin back by the gate every week.");
      expect(checkRequiredContent(model, regimeRules("code-2024")).map((m) => m.element), kind).toEqual(["passed-to"]);
    }
  });
});

describe("withSections: the officer's own words in the draft", () => {
  function stage1Draft() {
    const scenario = loggedComplaint();
    scenario.do({ type: "acknowledge" }, "2026-11-03");
    scenario.do({ type: "respond", outcome: "upheld", reasons: "The crew missed your street." }, "2026-11-10");
    return buildLetterModel("stage-1-response", scenario.case, scenario.rules, defaultProfile, context);
  }

  it("puts a section the draft lacks where it reads in this kind of letter, and replaces one it has in place", () => {
    const draft = stage1Draft();
    const model = withSections(draft, [
      { element: "reasons", paragraphs: ["  Our tracker shows the crew did not stop at your house.  "] },
      { element: "investigation", heading: "What we looked at", paragraphs: ["We checked the crew's tracker.", "We spoke to the driver."] },
    ]);
    expect(model.sections.map((section) => section.element)).toEqual([
      "stage",
      "complaint-definition",
      "investigation",
      "decision",
      "reasons",
      "outstanding-actions",
      "escalation-route",
    ]);
    expect(model.sections.find((section) => section.element === "reasons")?.paragraphs).toEqual(["Our tracker shows the crew did not stop at your house."]);
    expect(model.sections.find((section) => section.element === "investigation")).toEqual({
      element: "investigation",
      heading: "What we looked at",
      paragraphs: ["We checked the crew's tracker.", "We spoke to the driver."],
    });
    // The draft itself is left as it was.
    expect(draft.sections.map((section) => section.element)).not.toContain("investigation");
  });

  it("ignores a section with no words, and puts an element this kind does not list after the others", () => {
    const draft = stage1Draft();
    const model = withSections(draft, [
      { element: "decision", paragraphs: ["   ", ""] },
      { element: "advocacy", paragraphs: ["An advocate can help you."] },
    ]);
    expect(model.sections.find((section) => section.element === "decision")).toEqual(draft.sections.find((section) => section.element === "decision"));
    expect(model.sections.at(-1)).toEqual({ element: "advocacy", paragraphs: ["An advocate can help you."] });
    expect(model.sections).toHaveLength(draft.sections.length + 1);
  });
});

describe("letters about how a customer contacts us (Leeds policy paras 54–56)", () => {
  const conduct = {
    customerId: "c-1",
    version: 5,
    status: "lifted" as const,
    referral: { on: "2026-06-01", by: "alex", evidence: "Forty calls in a week." },
    warning: { on: "2026-06-10", behaviourExpected: "Contact us by email only.", until: "2026-07-10" },
    comments: [],
    designation: { on: "2026-07-20", restrictions: [{ kind: "call-limit" as const, callsPerWeek: 0 }], reason: "The calls went on.", reviewBy: "2026-11-20" },
    reviews: [{ on: "2026-11-18", decision: "lift" as const, reason: "There have been no calls since August.", nextReviewBy: null }],
  };
  const text = (model: ReturnType<typeof buildLetterModel>) => Object.fromEntries(model.sections.map((s) => [s.element, s.paragraphs.join(" ")]));

  it("a review that lifts the restrictions says so, with the reasons and the Ombudsman, and carries no complaint's deadline (para 56)", () => {
    const model = buildLetterModel("conduct-review", loggedComplaint().case, wasteRules(), defaultProfile, { ...context, signatoryId: "alex", conduct });
    expect(text(model)).toEqual({
      "review-outcome": "We have reviewed the arrangements for how you contact us, and we have ended them. You can contact us in the usual way again.",
      reasons: "There have been no calls since August.",
      "ombudsman-details": expect.stringMatching(/^You cannot appeal to the council against these arrangements, but you can ask the Local Government and Social Care Ombudsman to look at them\. It is free and independent\. To contact them, visit /),
    });
    expect(model.signOff.name).toBe("Alex Brown");
    expect(checkRequiredContent(model, regimeRules("code-2024"))).toEqual([]);
  });

  it("names the LGSCO, never the body of the case's own regime when that is the Information Commissioner", () => {
    const rules = wasteRules();
    const foi = { ...rules, regime: { ...rules.regime, nextBody: { ...rules.regime.nextBody, id: "ico", name: "Information Commissioner" } } };
    const model = buildLetterModel("conduct-designation", loggedComplaint().case, foi, defaultProfile, { ...context, signatoryId: "alex", conduct: { ...conduct, status: "designated", reviews: [] } });
    expect(text(model)["ombudsman-details"]).toContain("Local Government and Social Care Ombudsman");
    expect(text(model)["ombudsman-details"]).not.toContain("Information Commissioner");
    expect(text(model).restrictions).toBe("From now on: please do not phone us.");
    expect(checkRequiredContent(model, regimeRules("foi-eir"))).toEqual([]);
  });

  it("a warning drafted without the officer's account of the behaviour lacks it, and nothing else (para 54)", () => {
    const model = buildLetterModel("conduct-warning", loggedComplaint().case, wasteRules(), defaultProfile, { ...context, signatoryId: "alex", conduct: { ...conduct, status: "warned", designation: null, reviews: [] } });
    expect(checkRequiredContent(model, regimeRules("code-2024")).map((m) => m.element)).toEqual(["behaviour-concerns"]);
  });
});

describe("the covering letter of our reply to an Ombudsman enquiry (Southwark procedure: Ombudsman enquiries)", () => {
  function replied(body: string) {
    const s = loggedComplaint();
    s.do({ type: "ombudsman-enquiry", enquiryId: "ob-1", body, reference: "26 004 321", responseDueOn: "2026-12-21" }, "2026-11-23");
    s.do({ type: "request-approval", approvalId: "ob-1-reply", enquiryId: "ob-1" }, "2026-11-24");
    s.do({ type: "decide-approval", approvalId: "ob-1-reply", decision: "approve" }, "2026-11-25", { id: "sam", roles: ["head-of-service"] });
    s.do({ type: "ombudsman-response", enquiryId: "ob-1", approvalId: "ob-1-reply" }, "2026-11-26");
    return s;
  }

  it("is addressed to the body from the council's profile and names the enquiry, the complaint and who approved the reply", () => {
    const s = replied("lgsco");
    const model = buildLetterModel("ombudsman-reply", s.case, s.rules, defaultProfile, { ...context, signatoryId: "alex" });
    expect(model.recipient).toEqual({ name: "Local Government and Social Care Ombudsman", address: { lines: ["PO Box 4771", "Coventry"], postcode: "CV4 0EH" } });
    expect(model.onBehalfOf).toBeUndefined();
    expect(Object.fromEntries(model.sections.map((section) => [section.element, section.paragraphs.join(" ")]))).toMatchObject({
      "ombudsman-enquiry": "Your reference: 26 004 321. On 23 November 2026 you asked for our response to the complaint of Ada Lovelace (our reference CMP-2026-0042) by 21 December 2026.",
      "reply-approval": "Our reply is enclosed. Sam Patel, Waste Services Manager, approved it on 26 November 2026.",
      // Whoever sends the reply is the Ombudsman's contact, not the stage's handler (Sam).
      "contact-details": expect.stringMatching(/^You can contact Alex Brown on /),
    });
    expect(checkRequiredContent(model, s.rules)).toEqual([]);
  });

  it("cannot be drafted for a body the profile has no address for, and says which setting to add", () => {
    const s = replied("spso");
    expect(() => buildLetterModel("ombudsman-reply", s.case, s.rules, defaultProfile, { ...context, signatoryId: "alex" })).toThrow(
      new LetterModelError('Case CMP-2026-0042: the council\'s settings have no postal address for "spso", the body of enquiry 26 004 321; add it to the profile\'s Ombudsmen.'),
    );
  });
});
