import { RuleBook, parseCouncilProfile } from "@complaints/core";
import { CaseScenario, conformanceProfile, type LogFields } from "@complaints/core/testing";
import { describe, expect, it } from "vitest";
import { housingServicePlugin } from "./plugin.js";

const SERVICE = "council-housing";
const rules = new RuleBook(conformanceProfile(["housing"], SERVICE), [
  housingServicePlugin,
]).rulesFor(SERVICE, "complaint");

const leak: LogFields = {
  channel: "email",
  customer: { id: "tenant-1", name: "Ann Smith" },
  description: "The kitchen ceiling has leaked for three weeks",
  intake: { tenancyReference: "T-100234", propertyReference: "P-55", housingIssue: "repairs" },
};

/** Received Mon 23 Mar 2026; Easter (Fri 3, Mon 6 Apr) and the May bank holidays fall inside. */
function stage1Case(): CaseScenario {
  const s = new CaseScenario(rules).log(leak, "2026-03-23T10:00:00Z");
  s.do({ type: "triage", outcome: "accept" }, "2026-03-23");
  return s;
}

describe("housing: a whole complaint under the Housing Ombudsman Code 2024", () => {
  it("HOS Code 6.2: Stage 1 is acknowledged within 5 working days of receipt", () => {
    const s = stage1Case();
    const ack = s.due("acknowledge", "stage-1");
    expect(ack.date).toBe("2026-03-30");
    expect(ack.rule).toContain("Housing Ombudsman Complaint Handling Code 2024 6.2");
    expect(ack.explanation).toBe(
      "received Mon 23 Mar 2026; +5 working days → acknowledge by Mon 30 Mar 2026 (Housing Ombudsman Complaint Handling Code 2024 6.2: acknowledge, define and log a complaint within 5 working days of receipt)",
    );
  });

  it("HOS Code 6.3: Stage 1 is due 10 working days from the acknowledgement, skipping Easter", () => {
    const s = stage1Case();
    s.do({ type: "acknowledge" }, "2026-03-25");
    // Posted the next day: the response still counts from the acknowledgement (decision 0322).
    s.sent("acknowledgement", "2026-03-26", { channel: "post" });
    const due = s.due("respond", "stage-1");
    expect(due.date).toBe("2026-04-10");
    expect(due.rule).toContain("6.3");
    expect(due.explanation).toContain(
      "acknowledged Wed 25 Mar 2026, sent by post Thu 26 Mar 2026; +10 working days, skipping Fri 3 and Mon 6 Apr (bank holidays)",
    );
  });

  it("HOS Code 6.4–6.5: Stage 1 extends by at most 10 working days, and only with the Housing Ombudsman's details", () => {
    const s = stage1Case();
    s.do({ type: "acknowledge" }, "2026-03-25");
    const noDetails = s.try(
      {
        type: "extend",
        workingDays: 5,
        reason: "Awaiting a damp survey",
        ombudsmanDetailsGiven: false,
      },
      "2026-04-08",
    );
    expect(noDetails.ok ? null : noDetails.refusal).toMatchObject({
      code: "OMBUDSMAN_DETAILS_REQUIRED",
      message: expect.stringContaining("Housing Ombudsman"),
    });
    const tooLong = s.try(
      {
        type: "extend",
        workingDays: 11,
        reason: "Awaiting a damp survey",
        ombudsmanDetailsGiven: true,
      },
      "2026-04-08",
    );
    expect(tooLong.ok ? null : tooLong.refusal).toMatchObject({
      code: "EXTENSION_TOO_LONG",
      rule: expect.stringContaining("6.4–6.5"),
    });

    const effects = s.do(
      {
        type: "extend",
        workingDays: 10,
        reason: "Awaiting a damp survey",
        ombudsmanDetailsGiven: true,
      },
      "2026-04-08",
    );
    expect(effects).toContainEqual(
      expect.objectContaining({ type: "send-letter", letter: "extension-notice" }),
    );
    const due = s.due("respond", "stage-1");
    expect(due.date).toBe("2026-04-24");
    expect(due.explanation).toContain(
      "extended by 10 working days (Awaiting a damp survey) under Housing Ombudsman Complaint Handling Code 2024 6.4–6.5",
    );
  });

  it("HOS Code 6.11, 6.13: Stage 2 is acknowledged within 5 working days of the request, by someone other than the Stage 1 handler", () => {
    const s = stage1Case();
    s.do({ type: "assign", handlerId: "officer-a" }, "2026-03-23");
    s.do({ type: "acknowledge" }, "2026-03-25");
    s.do(
      { type: "respond", outcome: "partly-upheld", reasons: "The leak was fixed late" },
      "2026-04-09",
    );
    s.do({ type: "escalate", reason: "The ceiling is still stained" }, "2026-04-27");
    const ack = s.due("acknowledge", "stage-2");
    expect(ack.date).toBe("2026-05-05");
    expect(ack.explanation).toContain(
      "escalation requested Mon 27 Apr 2026; +5 working days, skipping Mon 4 May (bank holiday)",
    );
    expect(ack.rule).toContain("6.11");
    const same = s.try({ type: "assign", handlerId: "officer-a" }, "2026-04-27");
    expect(same.ok ? null : same.refusal).toMatchObject({
      code: "HANDLER_NOT_INDEPENDENT",
      rule: expect.stringContaining("6.13"),
    });
    s.do({ type: "assign", handlerId: "officer-b" }, "2026-04-27");
  });

  it("HOS Code: Stage 2 is due 20 working days from its acknowledgement, extendable by at most 20", () => {
    const s = stage1Case();
    s.do({ type: "acknowledge" }, "2026-03-25");
    s.do(
      { type: "respond", outcome: "not-upheld", reasons: "The repair was done on time" },
      "2026-04-09",
    );
    s.do({ type: "escalate" }, "2026-04-27");
    s.do({ type: "acknowledge" }, "2026-04-29");
    expect(s.due("respond", "stage-2")).toMatchObject({
      date: "2026-05-29",
      rule: expect.stringContaining("within 20 working days of the escalation acknowledgement"),
    });
    expect(s.due("respond", "stage-2").explanation).toContain(
      "skipping Mon 4 and Mon 25 May (bank holidays)",
    );
    const tooLong = s.try(
      {
        type: "extend",
        workingDays: 21,
        reason: "Independent surveyor",
        ombudsmanDetailsGiven: true,
      },
      "2026-05-20",
    );
    expect(tooLong.ok ? null : tooLong.refusal?.code).toBe("EXTENSION_TOO_LONG");
    s.do(
      {
        type: "extend",
        workingDays: 20,
        reason: "Independent surveyor",
        ombudsmanDetailsGiven: true,
      },
      "2026-05-20",
    );
    expect(s.due("respond", "stage-2").date).toBe("2026-06-26");
  });

  it("HOS Scheme: after the Stage 2 response the next body is the Housing Ombudsman, within 12 months, not the LGSCO", () => {
    const s = stage1Case();
    s.do({ type: "acknowledge" }, "2026-03-25");
    s.do(
      { type: "respond", outcome: "not-upheld", reasons: "The repair was done on time" },
      "2026-04-09",
    );
    s.do({ type: "escalate" }, "2026-04-27");
    s.do({ type: "acknowledge" }, "2026-04-29");
    const effects = s.do(
      { type: "respond", outcome: "not-upheld", reasons: "Stage 1 was right" },
      "2026-05-28",
    );
    expect(effects).toContainEqual(
      expect.objectContaining({
        type: "send-letter",
        letter: "stage-2-response",
        stageId: "stage-2",
      }),
    );
    const window = s.due("next-body-window", "stage-2");
    expect(window).toMatchObject({ date: "2027-05-28", nature: "window" });
    expect(window.explanation).toBe(
      "final response Thu 28 May 2026; +12 months → the customer may go to the Housing Ombudsman until Fri 28 May 2027 (Housing Ombudsman Scheme: refer the complaint within 12 months of the landlord's final (Stage 2) response)",
    );
    expect(window.explanation).not.toContain("Local Government");
    const third = s.try({ type: "escalate" }, "2026-06-01");
    expect(third.ok ? null : third.refusal).toMatchObject({
      code: "NO_NEXT_STAGE",
      message: expect.stringContaining("Housing Ombudsman"),
    });
    s.do({ type: "close" }, "2026-06-01");
    expect(s.case.closure?.reason).toBe("final-response");
  });

  it("An internal target under the Code's deadline is tracked beside it: met, or missed while the deadline is kept", () => {
    // A council's service setting adds a target (Housing Leeds keeps 10 WD from receipt).
    const base = conformanceProfile(["housing"], SERVICE);
    const withTarget = parseCouncilProfile({
      ...base,
      directorates: [
        {
          ...base.directorates[0]!,
          services: [
            {
              ...base.directorates[0]!.services[0]!,
              settings: {
                stages: {
                  "stage-1": {
                    target: {
                      label: "Internal target",
                      period: { workingDays: 10 },
                      from: "receipt",
                      rule: "Leeds housing complaints review 2013/14: Housing Leeds keeps a 10 working-day target",
                    },
                  },
                },
              },
            },
          ],
        },
      ],
    });
    const targetRules = new RuleBook(withTarget, [housingServicePlugin]).rulesFor(
      SERVICE,
      "complaint",
    );
    const run = (respondOn: string) => {
      const s = new CaseScenario(targetRules).log(leak, "2026-03-02T10:00:00Z");
      s.do({ type: "triage", outcome: "accept" }, "2026-03-02");
      s.do({ type: "acknowledge" }, "2026-03-04");
      s.do({ type: "respond", outcome: "upheld", reasons: "Repair completed" }, respondOn);
      s.sent("response", respondOn);
      return { target: s.due("target", "stage-1"), deadline: s.due("respond", "stage-1") };
    };
    const early = run("2026-03-13");
    expect(early.target).toMatchObject({
      date: "2026-03-16",
      nature: "target",
      metOn: "2026-03-13",
    });
    expect(early.deadline).toMatchObject({
      date: "2026-03-18",
      nature: "deadline",
      metOn: "2026-03-13",
    });
    expect(early.target.explanation).toContain(
      "Internal target: respond by Mon 16 Mar 2026 (Leeds housing complaints review 2013/14",
    );

    const late = run("2026-03-17");
    expect(late.target.metOn! > late.target.date).toBe(true);
    expect(late.deadline.metOn! <= late.deadline.date).toBe(true);
  });
});
