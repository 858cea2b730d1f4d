import { describe, expect, it } from "vitest";
import { commandLabel, eventTitle, parseCommand } from "./commands.server";
import { COMMAND_FORMS, fieldNames } from "./commands";

const form = (fields: Record<string, string | string[]>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) f.append(k, x);
  return f;
};
const me = "0b7e3c1a-5f2d-4e8b-9a61-2c4d6e8f0a13";
const owner = "7d1f2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe("command forms parse with the command's own schema in core (issue 13)", () => {
  it("builds an extension with the date the customer was told", () => {
    const result = parseCommand("extend", form({ workingDays: "10", reason: "Waiting for the contractor's report", "customerToldOn-day": "20", "customerToldOn-month": "11", "customerToldOn-year": "2026", ombudsmanDetailsGiven: "yes" }), me);
    expect(result).toEqual({ ok: true, value: { workingDays: 10, reason: "Waiting for the contractor's report", customerToldOn: "2026-11-20", ombudsmanDetailsGiven: true } });
  });

  it("allows the API's limits, not the portal's own: an extension of at most 100 working days, a notified party of 200 characters", () => {
    const extend = (workingDays: string) => parseCommand("extend", form({ workingDays, reason: "Waiting" }), me);
    expect(extend("100").ok).toBe(true);
    expect(extend("101")).toEqual({ ok: false, errors: { workingDays: "Enter a whole number of working days between 1 and 100" } });
    expect(extend("2.5")).toEqual({ ok: false, errors: { workingDays: "Enter a whole number of working days between 1 and 100" } });
    expect(extend("")).toEqual({ ok: false, errors: { workingDays: "Enter how many working days" } });
    expect(parseCommand("notify", form({ party: "p".repeat(200), reason: "A councillor asked" }), me).ok).toBe(true);
    expect(parseCommand("notify", form({ party: "p".repeat(201), reason: "A councillor asked" }), me).ok).toBe(false);
  });

  it("refers a claim to Legal with what it is for and what is claimed; records an anonymous complaint as not investigated; ticks an Ombudsman referral as likely (decision 0325)", () => {
    expect(parseCommand("refer-claim", form({ basis: "physical-injury", details: "A broken wrist" }), me)).toEqual({ ok: true, value: { basis: "physical-injury", details: "A broken wrist" } });
    expect(parseCommand("refer-claim", form({ details: "A broken wrist" }), me)).toEqual({ ok: false, errors: { basis: "Choose what the claim is for" } });
    expect(parseCommand("record-not-investigated", form({ reason: "Malicious, agreed with the DCRO" }), me)).toEqual({ ok: true, value: { reason: "Malicious, agreed with the DCRO" } });
    const responded = parseCommand("respond", form({ outcome: "not-upheld", reasons: "Collected on time", ombudsmanLikely: "yes" }), me);
    expect(responded.ok && (responded.value as { ombudsmanLikely?: boolean }).ombudsmanLikely).toBe(true);
  });

  it("says what is wrong with a date in GOV.UK's words", () => {
    const told = (parts: Record<string, string>) => parseCommand("extend", form({ workingDays: "5", reason: "Waiting", ...parts }), me);
    expect(told({ "customerToldOn-day": "3", "customerToldOn-year": "2026" })).toEqual({ ok: false, errors: { customerToldOn: "The date the customer was told must include a day, month and year" } });
    expect(told({ "customerToldOn-day": "31", "customerToldOn-month": "2", "customerToldOn-year": "2026" })).toEqual({ ok: false, errors: { customerToldOn: "The date the customer was told must be a real date" } });
    expect(parseCommand("agree-response-date", form({}), me)).toEqual({ ok: false, errors: { date: "Enter the agreed response date" } });
  });

  it("names every missing answer of a response, in the order the page asks", () => {
    const result = parseCommand("respond", form({ remedy1Type: "financial", remedy1Description: "Refund" }), me);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors)).toEqual(["outcome", "reasons", "remedy1Amount", "remedy1FinancialKind"]);
    expect(result.errors.outcome).toBe("Choose the outcome");
  });

  it("reads a payment in pounds as pence, approved by the officer", () => {
    const result = parseCommand("respond", form({ outcome: "upheld", reasons: "Missed twice.", remedy1Type: "financial", remedy1Description: "Time and trouble", remedy1Amount: "£1,075.50", remedy1FinancialKind: "goodwill-gesture" }), me);
    expect(result).toMatchObject({ ok: true, value: { remedies: [{ type: "financial", amountPence: 107550, financialKind: "goodwill-gesture", approverId: me }] } });
    const wrong = parseCommand("respond", form({ outcome: "upheld", reasons: "Missed twice.", remedy1Type: "financial", remedy1Description: "Time and trouble", remedy1Amount: "7.555", remedy1FinancialKind: "goodwill-gesture" }), me);
    expect(wrong.ok === false && wrong.errors.remedy1Amount).toMatch(/amount in pounds/);
  });

  it("signs a response as the officer when nobody else is chosen, with remedies and learning", () => {
    const result = parseCommand(
      "respond",
      form({ outcome: "partly-upheld", reasons: "The bin was missed twice.", remedy1Type: "apology", remedy1Description: "We apologise", rootCause: "Crew rota gap" }),
      me,
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toMatchObject({ outcome: "partly-upheld", signedBy: me, remedies: [{ id: expect.stringMatching(UUID), type: "apology", description: "We apologise", ownerId: null, dueOn: null }], learning: { rootCause: "Crew rota gap" } });
  });

  it("takes the second remedy row alone as the response's one remedy, and its improvement action with owner and date", () => {
    const result = parseCommand(
      "respond",
      form({ outcome: "upheld", reasons: "Missed.", remedy2Type: "apology", remedy2Description: "Sorry", remedy2Owner: owner, actionDescription: "Check rotas", actionOwner: owner }),
      me,
    );
    expect(result).toEqual({ ok: false, errors: { actionDue: "Enter the date the improvement action is due" } });
    const done = parseCommand("respond", form({ outcome: "upheld", reasons: "Missed.", remedy2Type: "apology", remedy2Description: "Sorry", remedy2Owner: owner, actionDescription: "Check rotas", actionOwner: owner, "actionDue-day": "1", "actionDue-month": "7", "actionDue-year": "2026" }), me);
    expect(done).toMatchObject({ ok: true, value: { remedies: [{ type: "apology", ownerId: owner }], learning: { improvementActions: [{ id: expect.stringMatching(UUID), description: "Check rotas", ownerId: owner, dueOn: "2026-07-01" }] } } });
  });

  it("agrees an improvement action with its owner and due date, each missing one named", () => {
    const result = parseCommand("agree-improvement-action", form({ description: "Check bills before each run", ownerId: owner, "dueOn-day": "31", "dueOn-month": "7", "dueOn-year": "2026" }), me);
    expect(result).toMatchObject({ ok: true, value: { description: "Check bills before each run", ownerId: owner, dueOn: "2026-07-31", actionId: expect.stringMatching(UUID) } });
    const missing = parseCommand("agree-improvement-action", form({}), me);
    expect(missing).toEqual({ ok: false, errors: { description: "Enter what will be improved", ownerId: "Choose the owner of the improvement action", dueOn: "Enter the date it is due" } });
  });

  it("asks only for the fields of the chosen triage outcome", () => {
    const result = parseCommand("triage", form({ outcome: "wrongly-addressed", body: "" }), me);
    expect(result).toEqual({ ok: false, errors: { body: "Enter the right body", bodyContact: "Enter their contact details" } });
    expect(parseCommand("triage", form({ outcome: "accept" }), me)).toEqual({ ok: true, value: { outcome: "accept" } });
    expect(parseCommand("triage", form({}), me)).toEqual({ ok: false, errors: { outcome: "Choose the outcome of triage" } });
  });

  it("asks for a duplicate's reference, not for the case id the action looks up", () => {
    expect(parseCommand("triage", form({ outcome: "duplicate" }), me)).toEqual({ ok: false, errors: { ofReference: "Enter the reference of the other case" } });
    const found = "5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9";
    expect(parseCommand("triage", form({ outcome: "duplicate", ofReference: "cmp-1" }), me, { ofCaseId: found, ofReference: "CMP-1" })).toEqual({ ok: true, value: { outcome: "duplicate", ofCaseId: found, ofReference: "CMP-1" } });
  });

  it("reads an Ombudsman remedy chosen from the list as its enquiry and remedy", () => {
    expect(parseCommand("ombudsman-remedy-complied", form({ remedy: "enq-1|rem-2" }), me)).toEqual({ ok: true, value: { enquiryId: "enq-1", remedyId: "rem-2" } });
    expect(parseCommand("ombudsman-remedy-complied", form({}), me)).toEqual({ ok: false, errors: { remedy: "Choose the remedy" } });
  });

  it("every field a form shows has a unique name, so errors link to one place", () => {
    for (const [type, def] of Object.entries(COMMAND_FORMS)) {
      const names = fieldNames(def!.fields);
      expect(new Set(names).size, type).toBe(names.length);
    }
  });
});

describe("a command's words are its module's in core", () => {
  it("labels a command's button and titles its event in the timeline", () => {
    expect(commandLabel("extend")).toBe("Extend the deadline");
    expect(eventTitle("extend")).toBe("Deadline extended");
    expect(eventTitle("log")).toBe("Case logged");
    expect(eventTitle("letter-posted")).toBe("Letter posted");
  });
});

describe("the correcting forms (issue 16, docs/decisions/0105-correcting-the-record.md)", () => {
  it("a transfer sends the chosen service and the reason, and says what is missing", () => {
    expect(parseCommand("transfer", form({ serviceId: "waste", reason: "About bins" }), me)).toEqual({ ok: true, value: { serviceId: "waste", reason: "About bins" } });
    expect(parseCommand("transfer", form({ reason: "About bins" }), me)).toEqual({ ok: false, errors: { serviceId: "Choose the service to transfer the case to" } });
  });

  it("recategorising adds or takes off one flag, and drops a high-priority reason when the priority is normal", () => {
    expect(parseCommand("recategorise", form({ category: "Bins", priority: "normal", priorityReason: "left over", addFlag: "safeguarding" }), me)).toEqual({
      ok: true,
      value: { category: "Bins", priority: "normal", addFlags: ["safeguarding"] },
    });
    expect(parseCommand("recategorise", form({ priority: "high", priorityReason: "Damp", removeFlag: "named-staff", reason: "Not staff" }), me)).toEqual({
      ok: true,
      value: { priority: "high", priorityReason: "Damp", removeFlags: ["named-staff"], reason: "Not staff" },
    });
  });

  it("correcting the details sends a representative only when named, with who they are and their consent", () => {
    expect(parseCommand("edit-details", form({ description: "Bins", customerName: "Ann", consentBasis: "written", replyTo: "customer" }), me)).toEqual({ ok: true, value: { description: "Bins", customerName: "Ann" } });
    expect(parseCommand("edit-details", form({ representativeName: "Jo Bloggs" }), me)).toEqual({
      ok: false,
      errors: { representativeRole: "Choose who the representative is", consentBasis: "Choose how consent was given", consentRecordedOn: "Enter the date consent was recorded" },
    });
    const rep = { representativeName: "Jo Bloggs", representativeRole: "relative", consentBasis: "written", "consentRecordedOn-day": "2", "consentRecordedOn-month": "3", "consentRecordedOn-year": "2026", replyTo: "representative" };
    expect(parseCommand("edit-details", form(rep), me)).toEqual({
      ok: true,
      value: { representative: { name: "Jo Bloggs", role: "relative", consent: { basis: "written", recordedOn: "2026-03-02" }, replyTo: "representative" } },
    });
  });
});
