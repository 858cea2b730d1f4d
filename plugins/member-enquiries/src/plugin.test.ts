import { RuleBook, parseCouncilProfile, recordPlugin, type Representative } from "@complaints/core";
import {
  CaseScenario,
  conformanceProfile,
  runPluginConformance,
  type LogFields,
} from "@complaints/core/testing";
import { describe, expect, it } from "vitest";
import pkg from "../package.json" with { type: "json" };
import { constituentParagraph, memberEnquiriesServicePlugin } from "./plugin.js";

const councillor: Representative = {
  name: "Cllr Joan Millbank",
  role: "councillor",
  consent: { basis: "elected-member", recordedOn: "2026-03-02" },
  replyTo: "representative",
};
const enquiry: LogFields = {
  channel: "member-portal",
  customer: { id: "resident-1", name: "Dev Patel" },
  representative: councillor,
  description: "My constituent's bin has been missed four weeks running",
  intake: { enquiryType: "complaint", memberArea: "Brockley ward" },
};

runPluginConformance(
  memberEnquiriesServicePlugin,
  { describe, it, expect },
  { packageJson: pkg, log: { representative: councillor } },
);

/** A council whose own Stage 1 standard is `days` working days from receipt. */
function council(days: number, ack: number | null, rule: string) {
  const base = conformanceProfile(["member-enquiries"], "waste");
  const stage1 = {
    respond: { period: { workingDays: days }, from: "receipt" as const, rule },
    ...(ack
      ? { acknowledge: { period: { workingDays: ack }, from: "receipt" as const, rule } }
      : {}),
  };
  return new RuleBook(
    parseCouncilProfile({ ...base, timescales: { stages: { "stage-1": stage1 } } }),
    [memberEnquiriesServicePlugin],
  );
}

describe("member-enquiries: the council's own timescales", () => {
  it("Lewisham report 5.1: a member enquiry is answered in 10 days, the council's standard", () => {
    const rules = council(
      10,
      null,
      "Lewisham annual complaints report 2009/10 para 5.1: 10 days",
    ).rulesFor("waste", "member-enquiry");
    const s = new CaseScenario(rules).log(enquiry, "2026-03-02");
    s.do({ type: "triage", outcome: "accept" }, "2026-03-02");
    s.do({ type: "acknowledge" }, "2026-03-03");
    expect(s.due("respond")).toMatchObject({
      date: "2026-03-16",
      rule: "Lewisham annual complaints report 2009/10 para 5.1: 10 days",
    });
    expect(s.stage.label).toBe("Member enquiry");
  });

  it("Leeds policy para 34: a complaint through a member follows the normal timescales (ack 3, response 15 working days)", () => {
    const rules = council(15, 3, "Leeds policy paras 13 and 16").rulesFor(
      "waste",
      "member-enquiry",
    );
    const s = new CaseScenario(rules).log(enquiry, "2026-03-02");
    s.do({ type: "triage", outcome: "accept" }, "2026-03-02");
    expect(s.due("acknowledge").date).toBe("2026-03-05");
    expect(s.due("respond").date).toBe("2026-03-23");
  });
});

describe("member-enquiries: who it comes from and who gets the reply", () => {
  const rules = new RuleBook(conformanceProfile(["member-enquiries"], "waste"), [
    memberEnquiriesServicePlugin,
  ]).rulesFor("waste", "member-enquiry");

  it("Lewisham 5.1, Leeds 34: a member enquiry must come from an MP, a councillor or the Mayor", () => {
    expect(() =>
      new CaseScenario(rules).log({ ...enquiry, representative: null }, "2026-03-02"),
    ).toThrow(/comes from an MP, a councillor or the Mayor/);
    const relative: Representative = {
      name: "Ann Patel",
      role: "relative",
      consent: { basis: "written", recordedOn: "2026-03-01" },
      replyTo: "representative",
    };
    expect(() =>
      new CaseScenario(rules).log({ ...enquiry, representative: relative }, "2026-03-02"),
    ).toThrow(/Ann Patel is recorded as relative/);
    for (const role of ["mp", "mayor"] as const) {
      const s = new CaseScenario(rules).log(
        {
          ...enquiry,
          representative: {
            ...councillor,
            name: role === "mp" ? "Jo Smith MP" : "The Mayor",
            role,
          },
        },
        "2026-03-02",
      );
      expect(s.case.kind).toBe("member-enquiry");
    }
  });

  it("Leeds para 34, DPA 2018 Sch 1 para 24: the member acting for the resident needs no separate consent", () => {
    const s = new CaseScenario(rules).log(enquiry, "2026-03-02");
    expect(s.case.representative?.consent).toEqual({
      basis: "elected-member",
      recordedOn: "2026-03-02",
    });
  });

  it("Leeds para 34: the reply goes to the member; to the customer only when the member asks", () => {
    const toMember = new CaseScenario(rules).log(enquiry, "2026-03-02");
    toMember.do({ type: "triage", outcome: "accept" }, "2026-03-02");
    expect(toMember.do({ type: "acknowledge" }, "2026-03-03")).toEqual([
      {
        type: "send-letter",
        letter: "acknowledgement",
        stageId: "stage-1",
        to: "representative",
        dueOn: null,
      },
    ]);
    expect(
      toMember.do(
        { type: "respond", outcome: "upheld", reasons: "Crew missed the road" },
        "2026-03-06",
      ),
    ).toEqual([
      {
        type: "send-letter",
        letter: "member-enquiry-response",
        stageId: "stage-1",
        to: "representative",
        dueOn: null,
      },
    ]);
    expect(constituentParagraph.render({ state: toMember.case, stageId: "stage-1", rules })).toBe(
      "Thank you for contacting us on behalf of Dev Patel.",
    );

    const direct = new CaseScenario(rules).log(
      { ...enquiry, representative: { ...councillor, replyTo: "customer" } },
      "2026-03-02",
    );
    direct.do({ type: "triage", outcome: "accept" }, "2026-03-02");
    expect(direct.do({ type: "acknowledge" }, "2026-03-03")).toEqual([
      {
        type: "send-letter",
        letter: "acknowledgement",
        stageId: "stage-1",
        to: "customer",
        dueOn: null,
      },
    ]);
    expect(
      constituentParagraph.render({ state: direct.case, stageId: "stage-1", rules }),
    ).toBeNull();
  });

  it("a resident still unhappy after the member enquiry goes on to Stage 2, then the Ombudsman", () => {
    const s = new CaseScenario(rules).log(enquiry, "2026-03-02");
    s.do({ type: "triage", outcome: "accept" }, "2026-03-02");
    s.do({ type: "acknowledge" }, "2026-03-03");
    s.do(
      { type: "respond", outcome: "not-upheld", reasons: "Collections were made" },
      "2026-03-06",
    );
    s.do({ type: "escalate", reason: "Resident disagrees" }, "2026-03-09");
    expect(s.stage.stageId).toBe("stage-2");
    expect(rules.regime.nextBody.id).toBe("lgsco");
  });
});

describe("member-enquiries: monitored separately", () => {
  const book = new RuleBook(conformanceProfile(["member-enquiries"], "waste"), [
    memberEnquiriesServicePlugin,
  ]);

  it("Lewisham 5.2, Leeds 34: member enquiries are a case kind of their own with their own report; complaints in the service are untouched", () => {
    expect(recordPlugin(memberEnquiriesServicePlugin).claimsKinds).toEqual(["member-enquiry"]);
    const rules = book.rulesFor("waste", "member-enquiry");
    expect(rules.regime.family).toBe("member-enquiry");
    expect(rules.reports.map((r) => r.id)).toEqual(["member-enquiries.monitoring"]);
    expect(rules.reports[0]!.measures.map((m) => m.id)).toEqual([
      "by-member-type",
      "in-time",
      "escalated",
    ]);
    const complaint = book.rulesFor("waste", "complaint");
    expect(complaint.plugins).toEqual([]);
    expect(complaint.reports).toEqual([]);
  });
});
