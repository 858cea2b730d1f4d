import { RuleBook } from "@complaints/core";
import {
  CaseScenario,
  EVERY_STAFF_ROLE,
  conformanceProfile,
  type LogFields,
} from "@complaints/core/testing";
import { describe, expect, it } from "vitest";
import { FOI_EIR_RULES, foiEirServicePlugin } from "./plugin.js";

const SERVICE = "planning";
const book = new RuleBook(conformanceProfile(["foi-eir"], SERVICE), [foiEirServicePlugin]);
const rules = book.rulesFor(SERVICE, "foi-eir-review");
const director = {
  id: "director-1",
  name: "Director of City Development",
  roles: ["director"] as const,
};

const foiComplaint: LogFields = {
  channel: "email",
  customer: { id: "applicant-1", name: "Sam Jones" },
  description: "You refused my request for the planning enforcement log under section 31",
  matterArose: "2026-02-20",
  intake: { informationRegime: "foi", requestReference: "FOI-2026-0412" },
};

/** Received Mon 2 Mar 2026, the day after the response it complains about was a few days old. */
function review(
  fields: LogFields = foiComplaint,
  receivedAt = "2026-03-02T10:00:00Z",
): CaseScenario {
  const s = new CaseScenario(rules).log(fields, receivedAt);
  s.do({ type: "triage", outcome: "accept" }, receivedAt.slice(0, 10));
  return s;
}

describe("foi-eir: a whole FOI review", () => {
  it("Leeds policy para 61: a complaint about an FOI response skips Stage 1 and opens as the Stage 2 review", () => {
    const s = review();
    expect(s.case.stages.map((x) => x.stageId)).toEqual(["stage-2"]);
    expect(s.stage.label).toBe("Internal review (Stage 2)");
    expect(rules.regime.stages.map((x) => x.id)).toEqual(["stage-2"]);
  });

  it("FOI s45 Code, Leeds para 63, FOIA s10(6): due 20 working days from receipt, skipping a bank holiday in any UK nation (St Patrick's Day)", () => {
    const due = review().due("respond", "stage-2");
    expect(due.date).toBe("2026-03-31");
    expect(due.explanation).toContain(
      "received Mon 2 Mar 2026; +20 working days, skipping Tue 17 Mar (bank holiday)",
    );
    expect(due.rule).toContain("Leeds policy para 63");
  });

  it("FOIA s10(6): St Andrew's Day (Scotland) is not a working day for an English council's review", () => {
    const due = review({ ...foiComplaint, matterArose: "2026-11-16" }, "2026-11-23T10:00:00Z").due(
      "respond",
      "stage-2",
    );
    expect(due.date).toBe("2026-12-22");
    expect(due.explanation).toContain("skipping Mon 30 Nov (bank holiday)");
  });

  it("Leeds para 63: extended with notice and reasons to at most 40 working days from receipt; a 21st day is refused", () => {
    const s = review();
    const tooLong = s.try(
      {
        type: "extend",
        workingDays: 21,
        reason: "Third-party consultation",
        ombudsmanDetailsGiven: false,
      },
      "2026-03-20",
    );
    expect(tooLong.ok ? null : tooLong.refusal).toMatchObject({
      code: "EXTENSION_TOO_LONG",
      rule: expect.stringContaining("never later than 40 working days"),
    });
    const effects = s.do(
      {
        type: "extend",
        workingDays: 20,
        reason: "Third-party consultation",
        ombudsmanDetailsGiven: false,
      },
      "2026-03-20",
    );
    expect(effects).toContainEqual(expect.objectContaining({ letter: "extension-notice" }));
    const due = s.due("respond", "stage-2");
    expect(due.date).toBe("2026-04-30");
    expect(due.explanation).toContain("extended by 20 working days (Third-party consultation)");
  });

  it("Leeds para 61: only a Director decides the review", () => {
    const s = review();
    s.do({ type: "notify", party: "legal", reason: "Advice on section 31" }, "2026-03-03");
    const officer = { id: "io-1", roles: ["investigating-officer"] as const };
    const byOfficer = s.try(
      { type: "respond", outcome: "not-upheld", reasons: "Exemption applies" },
      "2026-03-20",
      { ...officer, roles: [...officer.roles] },
    );
    expect(byOfficer.ok ? null : byOfficer.refusal).toMatchObject({
      code: "FORBIDDEN_ROLE",
      message: expect.stringContaining("Only director may respond"),
    });
    s.do({ type: "respond", outcome: "not-upheld", reasons: "Exemption applies" }, "2026-03-20", {
      ...director,
      roles: [...director.roles],
    });
  });

  it("Leeds para 61: the Director considers Legal's advice first: no decision until Legal has been asked", () => {
    const s = review();
    const early = s.try(
      { type: "respond", outcome: "upheld", reasons: "Release the log" },
      "2026-03-10",
    );
    expect(early.ok ? null : early.refusal).toMatchObject({
      code: "PLUGIN_GUARD",
      rule: expect.stringContaining("advice from Legal Services"),
    });
    s.do({ type: "notify", party: "legal", reason: "Advice on section 31" }, "2026-03-10");
    s.do({ type: "respond", outcome: "upheld", reasons: "Release the log" }, "2026-03-10");
  });

  it("Leeds para 61: where the public interest test applies, the Executive Member is consulted before the decision", () => {
    const s = review({
      ...foiComplaint,
      intake: { ...foiComplaint.intake, publicInterestTest: true },
    });
    s.do({ type: "notify", party: "legal", reason: "Advice" }, "2026-03-10");
    const early = s.try(
      { type: "respond", outcome: "not-upheld", reasons: "Balance favours withholding" },
      "2026-03-11",
    );
    expect(early.ok ? null : early.refusal).toMatchObject({
      code: "PLUGIN_GUARD",
      message: expect.stringContaining("Executive Member"),
    });
    s.do(
      {
        type: "notify",
        party: "executive-member",
        reason: "Public interest test on the enforcement log",
      },
      "2026-03-11",
    );
    s.do(
      { type: "respond", outcome: "not-upheld", reasons: "Balance favours withholding" },
      "2026-03-12",
    );
  });

  it("Leeds para 62: Legal and the DCRO hear of the review, and the outcome is logged for Legal", () => {
    const s = new CaseScenario(rules).log(foiComplaint, "2026-03-02");
    expect(s.do({ type: "triage", outcome: "accept" }, "2026-03-02")).toEqual([
      {
        type: "notify",
        party: "dcro",
        reason: "FOI/EIR review CMP-0001 (request FOI-2026-0412) received",
      },
      {
        type: "notify",
        party: "legal",
        reason:
          "Log FOI/EIR review CMP-0001 about request FOI-2026-0412 on the information requests database",
      },
    ]);
    s.do({ type: "notify", party: "legal", reason: "Advice" }, "2026-03-10");
    const effects = s.do(
      { type: "respond", outcome: "partly-upheld", reasons: "Part of the log can be released" },
      "2026-03-20",
    );
    expect(effects).toContainEqual({
      type: "notify",
      party: "legal",
      reason:
        "Log the outcome of review CMP-0001 (request FOI-2026-0412): partly upheld, 2026-03-20",
    });
  });

  it("ICO: after the review the next body is the Information Commissioner within 6 weeks, then the First-tier Tribunal within 28 days", () => {
    const s = review();
    s.do({ type: "notify", party: "legal", reason: "Advice" }, "2026-03-10");
    s.do({ type: "respond", outcome: "not-upheld", reasons: "Exemption applies" }, "2026-03-20", {
      ...director,
      roles: [...director.roles],
    });
    const window = s.due("next-body-window", "stage-2");
    expect(window).toMatchObject({ date: "2026-05-01", nature: "window" });
    expect(window.explanation).toContain(
      "+42 days → the customer may go to the Information Commissioner until Fri 1 May 2026",
    );
    expect(rules.regime.nextBody.then).toMatchObject({
      id: "first-tier-tribunal",
      window: { period: { calendarDays: 28 } },
    });
    const further = s.try({ type: "escalate" }, "2026-03-23");
    expect(further.ok ? null : further.refusal).toMatchObject({
      code: "NO_NEXT_STAGE",
      message: expect.stringContaining("Information Commissioner"),
    });
    s.do({ type: "close" }, "2026-03-23");
    expect(s.case.closure?.reason).toBe("final-response");
  });

  it("ICO guidance: a review asked for more than 40 working days after the response is out of time unless accepted with discretion", () => {
    const late: LogFields = { ...foiComplaint, matterArose: "2026-01-05" };
    const s = new CaseScenario(rules).log(late, "2026-03-03");
    const accept = s.try({ type: "triage", outcome: "accept" }, "2026-03-03");
    expect(accept.ok ? null : accept.refusal).toMatchObject({
      message: expect.stringContaining("more than 40 working days"),
      rule: expect.stringContaining("40 working days of the response"),
    });
    s.do(
      {
        type: "triage",
        outcome: "out-of-time",
        decision: "accept-with-discretion",
        reasons: "The applicant was in hospital",
      },
      "2026-03-03",
    );
    expect(s.stage.stageId).toBe("stage-2");

    const inTime = new CaseScenario(rules).log(late, "2026-03-02");
    inTime.do({ type: "triage", outcome: "accept" }, "2026-03-02");
  });

  it("a review cannot be logged without the date of the response it is about", () => {
    expect(() =>
      new CaseScenario(rules).log({ ...foiComplaint, matterArose: null }, "2026-03-02"),
    ).toThrow(/date of the response being complained about/);
  });
});

describe("foi-eir: an EIR reconsideration", () => {
  const eir: LogFields = {
    ...foiComplaint,
    description: "You withheld the air quality readings",
    intake: { informationRegime: "eir", requestReference: "EIR-2026-0077" },
  };

  it("EIR reg 11(4), Leeds para 64: the reconsideration is due 40 working days after receipt, counted on the UK-wide calendar (FOIA s10(6), EIR reg 2)", () => {
    const s = review(eir);
    const due = s.due("respond", "stage-2");
    expect(due).toMatchObject({ date: "2026-04-30", rule: FOI_EIR_RULES.respondEir });
    expect(due.explanation).toBe(
      `received Mon 2 Mar 2026; +40 working days, skipping Tue 17 Mar, Fri 3 and Mon 6 Apr (bank holidays) → respond by Thu 30 Apr 2026 (${FOI_EIR_RULES.respondEir})`,
    );
  });

  it("FOI s45 Code and EIR reg 11(4) in one plugin: the FOI review received the same day is due at 20 working days", () => {
    expect(review().due("respond", "stage-2")).toMatchObject({ date: "2026-03-31", rule: FOI_EIR_RULES.respond });
  });

  it("EIR reg 11(4): 40 working days is the limit, so a reconsideration is not extended", () => {
    const beyond = review(eir).try(
      { type: "extend", workingDays: 1, reason: "More", ombudsmanDetailsGiven: false },
      "2026-03-27",
    );
    expect(beyond.ok ? null : beyond.refusal).toMatchObject({
      code: "EXTENSION_TOO_LONG",
      message: expect.stringContaining(FOI_EIR_RULES.noExtensionEir),
    });
  });

  it("the outcome letter names the Environmental Information Regulations", () => {
    const s = review(eir);
    s.do({ type: "notify", party: "legal", reason: "Advice" }, "2026-03-10");
    s.do({ type: "respond", outcome: "upheld", reasons: "Readings released" }, "2026-03-20", {
      ...director,
      roles: [...director.roles],
    });
    const [paragraph] = rules.letterParagraphs;
    expect(paragraph!.render({ state: s.case, stageId: "stage-2", rules })).toContain(
      "internal review under the Environmental Information Regulations 2004",
    );
  });
});

describe("foi-eir: a complaint in the same service keeps the service's own rules", () => {
  it("only foi-eir-review cases follow the review regime; a complaint about planning has Stage 1 and the LGSCO", () => {
    const complaint = book.rulesFor(SERVICE, "complaint");
    expect(complaint.plugins).toEqual([]);
    expect(complaint.regime.stages.map((s) => s.id)).toEqual(["stage-1", "stage-2"]);
    expect(complaint.regime.nextBody.id).toBe("lgsco");
    const s = new CaseScenario(complaint, EVERY_STAFF_ROLE).log(
      { channel: "email", customer: { id: "c", name: "C" }, description: "Rude officer" },
      "2026-03-02",
    );
    expect(s.case.regimeId).toBe("complaint-handling-code-2024");
  });
});
