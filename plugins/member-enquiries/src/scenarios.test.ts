import { RuleBook, parseCouncilProfile } from "@complaints/core";
import { CaseScenario, conformanceProfile, type LogFields } from "@complaints/core/testing";
import { describe, expect, it } from "vitest";
import { memberEnquiriesServicePlugin } from "./plugin.js";

/** A council with Leeds' corporate timescales (policy paras 13, 16, 17, 20, 22). */
const leedsLike = (() => {
  const base = conformanceProfile(["member-enquiries"], "highways");
  return new RuleBook(
    parseCouncilProfile({
      ...base,
      timescales: {
        stages: {
          "stage-1": {
            acknowledge: {
              period: { workingDays: 3 },
              from: "receipt",
              rule: "Leeds policy para 13: acknowledged within 3 working days",
            },
            respond: {
              period: { workingDays: 15 },
              from: "receipt",
              rule: "Leeds policy para 16: response within 15 working days of receipt",
            },
            escalation: {
              to: "stage-2",
              window: {
                period: { calendarDays: 28 },
                from: "response",
                rule: "Leeds policy para 17: 28 days to escalate",
              },
              lateAllowedWithDiscretion: true,
              rule: "Leeds policy para 17",
            },
          },
          "stage-2": {
            acknowledge: {
              period: { workingDays: 3 },
              from: "escalation-request",
              rule: "Leeds policy para 20: Stage II acknowledged within 3 working days",
            },
            respond: {
              period: { workingDays: 15 },
              from: "agreed-statement",
              rule: "Leeds policy para 22: 15 working days from the agreed statement",
            },
          },
        },
      },
    }),
    [memberEnquiriesServicePlugin],
  ).rulesFor("highways", "member-enquiry");
})();

const mpEnquiry: LogFields = {
  channel: "email",
  customer: { id: "r-1", name: "Priya Shah" },
  representative: {
    name: "Alex Sobel MP",
    role: "mp",
    consent: { basis: "elected-member", recordedOn: "2026-03-02" },
    replyTo: "representative",
  },
  description: "Pothole outside my constituent's house reported in January",
  intake: { enquiryType: "complaint" },
};

describe("member-enquiries: a whole MP's complaint under a council's normal timescales (Leeds para 34)", () => {
  it("Leeds paras 13, 16, 17, 20, 22 and code 6.4: acknowledged, extended, answered to the MP, escalated, answered at Stage 2, then the LGSCO", () => {
    const s = new CaseScenario(leedsLike).log(mpEnquiry, "2026-03-02T10:00:00Z");
    s.do({ type: "triage", outcome: "accept" }, "2026-03-02");
    expect(s.due("acknowledge")).toMatchObject({
      date: "2026-03-05",
      rule: expect.stringContaining("para 13"),
    });
    expect(s.due("respond")).toMatchObject({
      date: "2026-03-23",
      rule: expect.stringContaining("para 16"),
    });

    expect(s.do({ type: "acknowledge" }, "2026-03-04")).toEqual([
      {
        type: "send-letter",
        letter: "acknowledgement",
        stageId: "stage-1",
        to: "representative",
        dueOn: null,
      },
    ]);
    s.do(
      {
        type: "extend",
        workingDays: 10,
        reason: "Highways inspection booked",
        ombudsmanDetailsGiven: true,
      },
      "2026-03-20",
    );
    const extended = s.due("respond");
    expect(extended.date).toBe("2026-04-08");
    expect(extended.explanation).toContain(
      "extended by 10 working days (Highways inspection booked), skipping Fri 3 and Mon 6 Apr (bank holidays) under Complaint handling code 2024 6.4–6.5",
    );

    expect(
      s.do(
        { type: "respond", outcome: "partly-upheld", reasons: "Repair was late; now done" },
        "2026-04-07",
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
    expect(s.due("escalation-window", "stage-1")).toMatchObject({
      date: "2026-05-05",
      rule: expect.stringContaining("para 17"),
    });

    s.do(
      { type: "escalate", reason: "The constituent wants compensation for a damaged tyre" },
      "2026-04-09",
    );
    expect(s.due("acknowledge", "stage-2")).toMatchObject({
      date: "2026-04-14",
      rule: expect.stringContaining("para 20"),
    });
    s.do({ type: "acknowledge" }, "2026-04-10");
    s.do({ type: "agree-statement" }, "2026-04-15");
    expect(s.due("respond", "stage-2")).toMatchObject({
      date: "2026-05-07",
      rule: expect.stringContaining("para 22"),
    });
    expect(s.due("respond", "stage-2").explanation).toContain("skipping Mon 4 May (bank holiday)");

    s.do(
      { type: "respond", outcome: "not-upheld", reasons: "Claims for damage go to the insurer" },
      "2026-05-06",
    );
    expect(s.due("next-body-window", "stage-2").explanation).toContain(
      "Local Government and Social Care Ombudsman until Thu 6 May 2027",
    );
  });
});
