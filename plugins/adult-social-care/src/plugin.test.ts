import {
  RuleBook,
  RuleConfigurationError,
  parseCouncilProfile,
  recordPlugin,
} from "@complaints/core";
import {
  CaseScenario,
  conformanceProfile,
  runPluginConformance,
  type LogFields,
} from "@complaints/core/testing";
import { describe, expect, it } from "vitest";
import pkg from "../package.json" with { type: "json" };
import { adultSocialCareServicePlugin } from "./plugin.js";

const SERVICE = "adult-social-care";
const rules = new RuleBook(conformanceProfile(["adult-social-care"], SERVICE), [
  adultSocialCareServicePlugin,
]).rulesFor(SERVICE, "complaint");

const complaint: LogFields = {
  channel: "phone",
  customer: { id: "c-1", name: "Mary Brown" },
  representative: {
    name: "John Brown",
    role: "relative",
    consent: { basis: "written", recordedOn: "2026-03-02" },
    replyTo: "representative",
  },
  description: "My mother's home care visits are often missed",
  intake: { provider: "Homecare Partners Ltd", socialCareReference: "ASC-88120" },
};

function opened(): CaseScenario {
  const s = new CaseScenario(rules).log(complaint, "2026-03-02T10:00:00Z");
  s.do({ type: "triage", outcome: "accept" }, "2026-03-02");
  return s;
}

runPluginConformance(
  adultSocialCareServicePlugin,
  { describe, it, expect },
  { packageJson: pkg, stages: { "stage-1": { acknowledge: { offerToDiscuss: true } } } },
);

describe("adult-social-care: a whole complaint under SI 2009/309", () => {
  it("SI 2009/309 (regs 13–14): one local stage, then the LGSCO", () => {
    expect(rules.regime.stages.map((s) => s.id)).toEqual(["stage-1"]);
    expect(rules.regime.stages[0]!.label).toBe("Local resolution (SI 2009/309)");
    expect(rules.regime.nextBody).toMatchObject({
      id: "lgsco",
      rule: expect.stringContaining("reg 14"),
    });
  });

  it("SI 2009/309 reg 13: acknowledged no later than 3 working days after the day of receipt", () => {
    const ack = opened().due("acknowledge");
    expect(ack).toMatchObject({ date: "2026-03-05", rule: expect.stringContaining("reg 13") });
    expect(ack.explanation).toContain(
      "received Mon 2 Mar 2026; +3 working days → acknowledge by Thu 5 Mar 2026",
    );
  });

  it("SI 2009/309 reg 13: an acknowledgement that does not offer to discuss the handling is refused", () => {
    const s = opened();
    const bare = s.try({ type: "acknowledge" }, "2026-03-03");
    expect(bare.ok ? null : bare.refusal).toMatchObject({
      code: "PLUGIN_GUARD",
      message: expect.stringContaining("offer to discuss"),
      rule: expect.stringContaining("reg 13"),
    });
    const effects = s.do({ type: "acknowledge", offerToDiscuss: true }, "2026-03-03");
    expect(s.stage.offerToDiscussMade).toBe(true);
    expect(effects).toContainEqual({
      type: "send-letter",
      letter: "acknowledgement",
      stageId: "stage-1",
      to: "representative",
      dueOn: null,
    });
  });

  it("SI 2009/309 reg 14: the response is due within 6 months of receipt", () => {
    const due = opened().due("respond");
    expect(due).toMatchObject({
      date: "2026-09-02",
      rule: expect.stringContaining("6 months from receipt"),
    });
    expect(due.explanation).toContain(
      "received Mon 2 Mar 2026; +6 months → respond by Wed 2 Sep 2026",
    );
  });

  it("SI 2009/309 reg 14: a longer period agreed with the complainant before the 6 months end replaces it", () => {
    const s = opened();
    s.do({ type: "acknowledge", offerToDiscuss: true }, "2026-03-03");
    s.do({ type: "agree-response-date", date: "2026-11-30" }, "2026-08-20");
    const due = s.due("respond");
    expect(due.date).toBe("2026-11-30");
    expect(due.explanation).toContain(
      "a response date of Mon 30 Nov 2026 was agreed with the complainant",
    );
    expect(due.rule).toContain("(period agreed with the complainant)");
  });

  it("SI 2009/309 reg 14: once the 6 months have run out, a longer period can no longer be agreed", () => {
    const s = opened();
    s.do({ type: "acknowledge", offerToDiscuss: true }, "2026-03-03");
    const late = s.try({ type: "agree-response-date", date: "2026-11-30" }, "2026-09-03");
    expect(late.ok ? null : late.refusal).toMatchObject({
      message: expect.stringContaining("before the current one runs out (Wed 2 Sep 2026)"),
    });
  });

  it("SI 2009/309: the period is agreed, not extended by the council", () => {
    const s = opened();
    s.do({ type: "acknowledge", offerToDiscuss: true }, "2026-03-03");
    const extend = s.try(
      { type: "extend", workingDays: 10, reason: "Complex", ombudsmanDetailsGiven: true },
      "2026-03-10",
    );
    expect(extend.ok ? null : extend.refusal?.code).toBe("EXTENSION_TOO_LONG");
  });

  it("SI 2009/309 reg 14: the response must be signed by the responsible person; then the LGSCO within 12 months", () => {
    const s = opened();
    s.do({ type: "acknowledge", offerToDiscuss: true }, "2026-03-03");
    const unsigned = s.try(
      { type: "respond", outcome: "upheld", reasons: "Visits were missed" },
      "2026-04-15",
    );
    expect(unsigned.ok ? null : unsigned.refusal).toMatchObject({
      code: "SIGNATORY_REQUIRED",
      rule: "SI 2009/309 reg 14(1)",
    });
    const effects = s.do(
      {
        type: "respond",
        outcome: "upheld",
        reasons: "Visits were missed",
        signedBy: "Director of Adult Social Services (responsible person)",
      },
      "2026-04-15",
    );
    expect(effects).toContainEqual(expect.objectContaining({ letter: "stage-1-response" }));
    expect(s.stage.response?.signedBy).toBe(
      "Director of Adult Social Services (responsible person)",
    );
    expect(s.due("next-body-window")).toMatchObject({
      date: "2027-04-15",
      explanation: expect.stringContaining(
        "Local Government and Social Care Ombudsman until Thu 15 Apr 2027",
      ),
    });
    const escalate = s.try({ type: "escalate" }, "2026-04-20");
    expect(escalate.ok ? null : escalate.refusal).toMatchObject({
      code: "NO_NEXT_STAGE",
      message: expect.stringContaining("Local Government and Social Care Ombudsman"),
    });
  });

  it("SI 2009/309 reg 6(1A): the provider of contracted-out care is recorded with the complaint", () => {
    expect(opened().case.intake).toEqual({
      provider: "Homecare Partners Ltd",
      socialCareReference: "ASC-88120",
    });
  });

  it("letters: the acknowledgement offers to discuss; the LGSCO right is the response's own Ombudsman section, not a second paragraph (issue 15)", () => {
    const s = opened();
    const [offer, ...others] = rules.letterParagraphs;
    expect(offer!.render({ state: s.case, stageId: "stage-1", rules })).toContain(
      "talk with you about how we will look into your complaint",
    );
    expect(others).toEqual([]);
    expect(rules.regime.nextBody.name).toBe("Local Government and Social Care Ombudsman");
  });
});

describe("adult-social-care: start-up checks", () => {
  const withSettings = (settings: unknown) => {
    const base = conformanceProfile(["adult-social-care"], SERVICE);
    return parseCouncilProfile({
      ...base,
      directorates: [
        {
          ...base.directorates[0]!,
          services: [{ ...base.directorates[0]!.services[0]!, settings }],
        },
      ],
    });
  };

  it("SI 2009/309 reg 13: a 5 working-day acknowledgement stops start-up, naming the plugin", () => {
    const profile = withSettings({
      stages: {
        "stage-1": {
          acknowledge: { period: { workingDays: 5 }, from: "receipt", rule: "Corporate 5 days" },
        },
      },
    });
    expect(() => new RuleBook(profile, [adultSocialCareServicePlugin])).toThrow(
      RuleConfigurationError,
    );
    expect(() => new RuleBook(profile, [adultSocialCareServicePlugin])).toThrow(
      /acknowledgement to 5 working days, above the statutory maximum of 3 working days .*plugin "adult-social-care"/,
    );
  });

  it("SI 2009/309 reg 14: a 7-month response period stops start-up", () => {
    const profile = withSettings({
      stages: {
        "stage-1": {
          respond: { period: { calendarMonths: 7 }, from: "receipt", rule: "Seven months" },
        },
      },
    });
    expect(() => new RuleBook(profile, [adultSocialCareServicePlugin])).toThrow(
      /7 calendar months, above the statutory maximum of 6 calendar months/,
    );
  });

  it("SI 2009/309 reg 14: a council's shorter default period in working days (65 WD, about 3 months) is within the 6-month maximum", () => {
    const base = conformanceProfile(["adult-social-care"], "adult-social-care");
    const profile = parseCouncilProfile({
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
                    respond: {
                      period: { workingDays: 65 },
                      from: "receipt",
                      rule: "Council standard: 65 working days unless agreed",
                    },
                  },
                },
              },
            },
          ],
        },
      ],
    });
    expect(
      new RuleBook(profile, [adultSocialCareServicePlugin]).rulesFor(
        "adult-social-care",
        "complaint",
      ).regime.stages[0]!.respond.period,
    ).toEqual({ workingDays: 65 });
  });

  it("SI 2009/309 reg 14: 140 working days can pass 6 months, so it stops start-up", () => {
    const profile = withSettings({
      stages: {
        "stage-1": { respond: { period: { workingDays: 140 }, from: "receipt", rule: "Too long" } },
      },
    });
    expect(() => new RuleBook(profile, [adultSocialCareServicePlugin])).toThrow(
      /140 working days, above the statutory maximum of 6 calendar months/,
    );
  });

  it("claims the service: its complaints follow SI 2009/309", () => {
    expect(recordPlugin(adultSocialCareServicePlugin).claimsService).toBe(true);
  });
});
