import { RuleBook } from "@complaints/core";
import { CaseScenario, conformanceProfile, type LogFields } from "@complaints/core/testing";
import { describe, expect, it } from "vitest";
import { childrenSocialCareServicePlugin } from "./plugin.js";

const SERVICE = "childrens-social-care";
const rules = new RuleBook(conformanceProfile(["children-social-care"], SERVICE), [
  childrenSocialCareServicePlugin,
]).rulesFor(SERVICE, "complaint");

const child: LogFields = {
  channel: "phone",
  customer: { id: "yp-1", name: "Jay Taylor" },
  description: "My social worker keeps cancelling our visits",
  intake: { complainantIsChild: true, socialCareReference: "CSC-4410" },
};

/** Received Mon 12 Oct 2026; Christmas and Easter 2027 fall inside the later stages. */
function stage1(): CaseScenario {
  const s = new CaseScenario(rules).log(child, "2026-10-12T10:00:00Z");
  s.do({ type: "triage", outcome: "accept" }, "2026-10-12");
  return s;
}

function stage2(): CaseScenario {
  const s = stage1();
  s.do({ type: "assign", handlerId: "team-manager-1" }, "2026-10-12");
  s.do(
    { type: "respond", outcome: "not-upheld", reasons: "Visits were rearranged, not cancelled" },
    "2026-11-06",
  );
  s.do({ type: "escalate", reason: "Still unhappy" }, "2026-11-16");
  return s;
}

function stage2Investigated(s = stage2()): CaseScenario {
  s.do({ type: "agree-statement" }, "2026-11-18");
  s.do(
    {
      type: "add-participant",
      role: "investigating-officer",
      name: "Pat Green (commissioned investigator)",
    },
    "2026-11-18",
  );
  s.do(
    {
      type: "add-participant",
      role: "independent-person",
      name: "Robin Shah",
      participantId: "ip-7",
      isCouncilOfficerOrMember: false,
    },
    "2026-11-18",
  );
  return s;
}

const seniorManager = { id: "hos-1", roles: ["head-of-service" as const] };
const director = { id: "dcs-1", roles: ["director" as const] };

describe("children-social-care: Stage 1 (local resolution)", () => {
  it("SI 2006/1738 regs 14–15: Stage 1 is due 10 working days from receipt", () => {
    const due = stage1().due("respond", "stage-1");
    expect(due).toMatchObject({ date: "2026-10-26", rule: expect.stringContaining("regs 14–15") });
    expect(due.explanation).toBe(
      "received Mon 12 Oct 2026; +10 working days → respond by Mon 26 Oct 2026 (SI 2006/1738 regs 14–15: Stage 1 (local resolution) within 10 working days of receipt, the outcome confirmed in writing)",
    );
  });

  it("SI 2006/1738 reg 14: Stage 1 extends to 20 working days at most", () => {
    const s = stage1();
    const over = s.try(
      { type: "extend", workingDays: 11, reason: "Advocate needed", ombudsmanDetailsGiven: false },
      "2026-10-20",
    );
    expect(over.ok ? null : over.refusal).toMatchObject({
      code: "EXTENSION_TOO_LONG",
      rule: expect.stringContaining("20 working days at most"),
    });
    s.do(
      { type: "extend", workingDays: 10, reason: "Advocate needed", ombudsmanDetailsGiven: false },
      "2026-10-20",
    );
    expect(s.due("respond", "stage-1").date).toBe("2026-11-09");
  });

  it("Children Act 1989 s26A: a child who complains is offered an advocate when the complaint is accepted, and told in the letters", () => {
    const s = new CaseScenario(rules).log(child, "2026-10-12");
    expect(s.do({ type: "triage", outcome: "accept" }, "2026-10-12")).toEqual([
      {
        type: "notify",
        party: "advocacy-service",
        reason: expect.stringContaining(
          "Offer the child in complaint CMP-0001 an advocate (Children Act 1989 s26A",
        ),
      },
    ]);
    const paragraph = rules.letterParagraphs.find((p) => p.id === "children-social-care.advocacy")!;
    expect(paragraph.render({ state: s.case, stageId: "stage-1", rules })).toContain(
      "You can have an advocate",
    );

    const parent = new CaseScenario(rules).log(
      { ...child, intake: { complainantIsChild: false } },
      "2026-10-12",
    );
    expect(parent.do({ type: "triage", outcome: "accept" }, "2026-10-12")).toEqual([]);
    expect(paragraph.render({ state: parent.case, stageId: "stage-1", rules })).toBeNull();

    const withAdvocate = new CaseScenario(rules).log(
      { ...child, intake: { complainantIsChild: true, advocate: "Coram Voice" } },
      "2026-10-12",
    );
    expect(withAdvocate.do({ type: "triage", outcome: "accept" }, "2026-10-12")).toEqual([]);
  });

  it("SI 2006/1738 reg 16: Stage 2 is asked for within 20 working days of the Stage 1 response; later only with discretion recorded", () => {
    const s = stage1();
    s.do({ type: "respond", outcome: "not-upheld", reasons: "r" }, "2026-11-06");
    expect(s.due("escalation-window", "stage-1")).toMatchObject({
      date: "2026-12-04",
      nature: "window",
    });
    const late = s.try({ type: "escalate" }, "2026-12-07");
    expect(late.ok ? null : late.refusal).toMatchObject({
      code: "ESCALATION_WINDOW_CLOSED",
      rule: expect.stringContaining("reg 16"),
    });
    s.do(
      { type: "escalate", lateDiscretion: "The young person moved placement in November" },
      "2026-12-07",
    );
    expect(s.stage.stageId).toBe("stage-2");
  });
});

describe("children-social-care: Stage 2 (investigation)", () => {
  it("SI 2006/1738 reg 17: Stage 2 is due 25 working days from the agreed statement, not from the request", () => {
    const s = stage2();
    expect(s.due("respond", "stage-2").explanation).toContain(
      "the statement of complaint is not agreed yet, so counting from the request for now",
    );
    s.do({ type: "agree-statement" }, "2026-11-18");
    const due = s.due("respond", "stage-2");
    expect(due.date).toBe("2026-12-23");
    expect(due.explanation).toContain(
      "statement of complaint agreed Wed 18 Nov 2026; +25 working days → respond by Wed 23 Dec 2026 (SI 2006/1738 reg 17",
    );
  });

  it("SI 2006/1738 reg 17: Stage 2 extends to 65 working days at most, skipping Christmas", () => {
    const s = stage2Investigated();
    const over = s.try(
      { type: "extend", workingDays: 41, reason: "Complex", ombudsmanDetailsGiven: false },
      "2026-12-10",
    );
    expect(over.ok ? null : over.refusal).toMatchObject({
      code: "EXTENSION_TOO_LONG",
      rule: expect.stringContaining("65 working days at most"),
    });
    s.do(
      {
        type: "extend",
        workingDays: 40,
        reason: "Several placements to interview",
        ombudsmanDetailsGiven: false,
      },
      "2026-12-10",
    );
    expect(s.due("respond", "stage-2").date).toBe("2027-02-22");
  });

  it("SI 2006/1738 reg 2: the Independent Person may not be a council officer or member; it must be confirmed", () => {
    const s = stage2();
    for (const isCouncilOfficerOrMember of [true, undefined]) {
      const bad = s.try(
        {
          type: "add-participant",
          role: "independent-person",
          name: "Cllr Ann Lee",
          isCouncilOfficerOrMember,
        },
        "2026-11-18",
      );
      expect(bad.ok ? null : bad.refusal).toMatchObject({
        code: "PLUGIN_GUARD",
        rule: expect.stringContaining(
          "reg 2: the Independent Person is neither a member nor an officer",
        ),
      });
    }
    s.do(
      {
        type: "add-participant",
        role: "independent-person",
        name: "Robin Shah",
        isCouncilOfficerOrMember: false,
      },
      "2026-11-18",
    );
    expect(s.stage.participants).toEqual([
      { role: "independent-person", name: "Robin Shah", id: null },
    ]);
  });

  it("SI 2006/1738 reg 17: an Independent Person belongs to Stage 2, not Stage 1", () => {
    const bad = stage1().try(
      {
        type: "add-participant",
        role: "independent-person",
        name: "Robin Shah",
        isCouncilOfficerOrMember: false,
      },
      "2026-10-13",
    );
    expect(bad.ok ? null : bad.refusal?.message).toContain("Stage 2 investigation");
  });

  it("SI 2006/1738 reg 17: no Stage 2 response without an Investigating Officer and an Independent Person, adjudicated by a senior manager", () => {
    const s = stage2();
    const missing = s.try(
      { type: "respond", outcome: "upheld", reasons: "r" },
      "2026-12-01",
      seniorManager,
    );
    expect(missing.ok ? null : missing.refusal?.message).toBe(
      "Stage 2 cannot be answered without an Investigating Officer and an Independent Person (SI 2006/1738 reg 17: an Investigating Officer and an Independent Person consider the complaint at Stage 2)",
    );
    stage2Investigated(s);
    const byOfficer = s.try({ type: "respond", outcome: "upheld", reasons: "r" }, "2026-12-01", {
      id: "io",
      roles: ["investigating-officer"],
    });
    expect(byOfficer.ok ? null : byOfficer.refusal).toMatchObject({
      code: "FORBIDDEN_ROLE",
      rule: expect.stringContaining("senior manager"),
    });
    s.do(
      {
        type: "respond",
        outcome: "partly-upheld",
        reasons: "Two visits were cancelled without notice",
      },
      "2026-12-01",
      seniorManager,
    );
  });

  it("Stage 2 is handled by someone other than the Stage 1 officer", () => {
    const s = stage2();
    const same = s.try({ type: "assign", handlerId: "team-manager-1" }, "2026-11-16");
    expect(same.ok ? null : same.refusal?.code).toBe("HANDLER_NOT_INDEPENDENT");
  });
});

describe("children-social-care: Stage 3 (review panel) and the LGSCO", () => {
  function panel(): CaseScenario {
    const s = stage2Investigated();
    s.do(
      { type: "respond", outcome: "partly-upheld", reasons: "Two visits were cancelled" },
      "2027-02-15",
      seniorManager,
    );
    s.do({ type: "escalate", reason: "Wants the findings reviewed" }, "2027-02-22");
    return s;
  }

  it("SI 2006/1738 reg 18: the panel is asked for within 20 working days of the Stage 2 response", () => {
    const s = stage2Investigated();
    s.do({ type: "respond", outcome: "partly-upheld", reasons: "r" }, "2027-02-15", seniorManager);
    expect(s.due("escalation-window", "stage-2")).toMatchObject({
      date: "2027-03-15",
      rule: expect.stringContaining("reg 18"),
    });
  });

  it("SI 2006/1738 reg 19: the panel meets within 30 working days of the request (over Easter 2027)", () => {
    const meets = panel().due("milestone", "stage-3");
    expect(meets).toMatchObject({
      id: "stage-3#3.milestone:panel-meeting",
      date: "2027-04-07",
      nature: "deadline",
      rule: expect.stringContaining("reg 19"),
    });
    expect(meets.explanation).toBe(
      "panel requested Mon 22 Feb 2027; +30 working days, skipping Fri 26 and Mon 29 Mar (bank holidays) → review panel meets by Wed 7 Apr 2027 (SI 2006/1738 reg 19: the review panel meets within 30 working days of the request)",
    );
  });

  it("SI 2006/1738 regs 19–20: the panel reports within 5 working days of meeting, and the council responds within 15 working days of the report", () => {
    const s = panel();
    // Before anything is recorded the dates are provisional, counted from the latest lawful meeting.
    expect(s.due("respond", "stage-3").explanation).toContain(
      "counts from panel report sent, not yet recorded",
    );
    s.do({ type: "record-milestone", milestoneId: "panel-meeting" }, "2027-03-10");
    const report = s.case.dueDates.find((d) => d.id === "stage-3#3.milestone:panel-report")!;
    expect(report).toMatchObject({
      date: "2027-03-17",
      rule: expect.stringContaining("within 5 working days of the panel meeting"),
    });
    s.do({ type: "record-milestone", milestoneId: "panel-report" }, "2027-03-15");
    const due = s.due("respond", "stage-3");
    expect(due).toMatchObject({
      date: "2027-04-07",
      rule: expect.stringContaining("reg 20: the council responds within 15 working days"),
    });
    expect(due.explanation).toContain(
      "panel report sent Mon 15 Mar 2027; +15 working days, skipping Fri 26 and Mon 29 Mar (bank holidays)",
    );
  });

  it("SI 2006/1738 reg 20: the council responds to the panel's report, so not before it is recorded", () => {
    const s = panel();
    s.do(
      {
        type: "add-participant",
        role: "panel-chair",
        name: "Dr Lee",
        isCouncilOfficerOrMember: false,
      },
      "2027-02-23",
    );
    s.do(
      {
        type: "add-participant",
        role: "panel-member",
        name: "Sam Ray",
        isCouncilOfficerOrMember: false,
      },
      "2027-02-23",
    );
    s.do(
      {
        type: "add-participant",
        role: "panel-member",
        name: "Kim Wu",
        isCouncilOfficerOrMember: false,
      },
      "2027-02-23",
    );
    s.do({ type: "record-milestone", milestoneId: "panel-meeting" }, "2027-03-10");
    const early = s.try(
      { type: "respond", outcome: "upheld", reasons: "r" },
      "2027-03-11",
      director,
    );
    expect(early.ok ? null : early.refusal?.message).toContain("Record the panel's report");
    const reportFirst = s.try(
      { type: "record-milestone", milestoneId: "panel-report" },
      "2027-03-12",
    );
    expect(reportFirst.ok).toBe(true);
  });

  it("SI 2006/1738 reg 19: three independent people with a chair, none of them the Stage 2 Independent Person", () => {
    const s = panel();
    const ip = s.try(
      {
        type: "add-participant",
        role: "panel-member",
        name: "Robin Shah",
        isCouncilOfficerOrMember: false,
      },
      "2027-02-23",
    );
    expect(ip.ok ? null : ip.refusal?.message).toContain("was the Stage 2 Independent Person");
    const officer = s.try(
      {
        type: "add-participant",
        role: "panel-chair",
        name: "Head of Safeguarding",
        isCouncilOfficerOrMember: true,
      },
      "2027-02-23",
    );
    expect(officer.ok ? null : officer.refusal?.message).toContain("cannot be on the review panel");
    s.do(
      {
        type: "add-participant",
        role: "panel-chair",
        name: "Dr Lee",
        isCouncilOfficerOrMember: false,
      },
      "2027-02-23",
    );
    s.do(
      {
        type: "add-participant",
        role: "panel-member",
        name: "Sam Ray",
        isCouncilOfficerOrMember: false,
      },
      "2027-02-23",
    );
    const short = s.try(
      { type: "respond", outcome: "upheld", reasons: "r" },
      "2027-03-30",
      director,
    );
    expect(short.ok ? null : short.refusal?.message).toContain("the panel has 2 with 1 chair");
    s.do(
      {
        type: "add-participant",
        role: "panel-member",
        name: "Kim Wu",
        isCouncilOfficerOrMember: false,
      },
      "2027-02-23",
    );
    const fourth = s.try(
      {
        type: "add-participant",
        role: "panel-member",
        name: "One More",
        isCouncilOfficerOrMember: false,
      },
      "2027-02-23",
    );
    expect(fourth.ok ? null : fourth.refusal?.message).toContain("already has three people");
  });

  it("SI 2006/1738 reg 20: the Director responds; then the LGSCO within 12 months, and no further stage", () => {
    const s = panel();
    s.do(
      {
        type: "add-participant",
        role: "panel-chair",
        name: "Dr Lee",
        isCouncilOfficerOrMember: false,
      },
      "2027-02-23",
    );
    s.do(
      {
        type: "add-participant",
        role: "panel-member",
        name: "Sam Ray",
        isCouncilOfficerOrMember: false,
      },
      "2027-02-23",
    );
    s.do(
      {
        type: "add-participant",
        role: "panel-member",
        name: "Kim Wu",
        isCouncilOfficerOrMember: false,
      },
      "2027-02-23",
    );
    s.do({ type: "record-milestone", milestoneId: "panel-meeting" }, "2027-03-10");
    s.do({ type: "record-milestone", milestoneId: "panel-report" }, "2027-03-15");
    const byManager = s.try(
      { type: "respond", outcome: "upheld", reasons: "r" },
      "2027-04-20",
      seniorManager,
    );
    expect(byManager.ok ? null : byManager.refusal).toMatchObject({
      code: "FORBIDDEN_ROLE",
      rule: expect.stringContaining("reg 20"),
    });
    const effects = s.do(
      { type: "respond", outcome: "upheld", reasons: "The panel's recommendations are accepted" },
      "2027-04-20",
      director,
    );
    expect(effects).toContainEqual(expect.objectContaining({ letter: "stage-3-response" }));
    expect(s.due("next-body-window", "stage-3").explanation).toContain(
      "Local Government and Social Care Ombudsman until Thu 20 Apr 2028",
    );
    const more = s.try({ type: "escalate" }, "2027-04-21");
    expect(more.ok ? null : more.refusal?.code).toBe("NO_NEXT_STAGE");
    expect(rules.regime.nextBody.name).toBe("Local Government and Social Care Ombudsman");
  });
});
