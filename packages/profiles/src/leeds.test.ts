import { RuleBook, RuleConfigurationError, parseCouncilProfile, staleLetter } from "@complaints/core";
import { CaseScenario, type LogFields } from "@complaints/core/testing";
import { describe, expect, it } from "vitest";
import { startCouncil } from "./index.js";
import { leeds } from "./councils/leeds.js";
import { defaultPlugins } from "./install.js";

const plugins = await defaultPlugins();

const tenant: LogFields = {
  channel: "phone",
  customer: { id: "tenant-1", name: "Ann Smith" },
  description: "The repair to my back door was not done",
  intake: { tenancyReference: "T-100234", repairRequestReference: "R-5521", contractor: "Mears" },
};
const resident: LogFields = {
  channel: "email",
  customer: { id: "res-1", name: "Tom Hill" },
  description: "My green bin has been missed three times",
};

describe("Leeds: a Housing Leeds complaint (10-day target under the standard)", () => {
  const rules = startCouncil("leeds", plugins).rulesFor("housing-leeds", "complaint");

  /** Received Mon 2 Mar 2026, acknowledged on day 3 (Thu 5 Mar), Mears asked for its account. */
  function housingCase(): CaseScenario {
    const s = new CaseScenario(rules).log(tenant, "2026-03-02T10:00:00Z");
    s.do({ type: "triage", outcome: "accept" }, "2026-03-02");
    s.do({ type: "acknowledge" }, "2026-03-05");
    s.sent("acknowledgement", "2026-03-05");
    s.do(
      {
        type: "request-information",
        id: "contractor:mears",
        from: "service",
        what: "Mears' job sheet",
      },
      "2026-03-05",
    );
    s.do({ type: "receive-information", id: "contractor:mears" }, "2026-03-09");
    return s;
  }

  it("Leeds policy para 13: acknowledged within 3 working days, quicker than the Housing Ombudsman Code's 5", () => {
    const s = new CaseScenario(rules).log(tenant, "2026-03-02T10:00:00Z");
    s.do({ type: "triage", outcome: "accept" }, "2026-03-02");
    expect(s.due("acknowledge")).toMatchObject({
      date: "2026-03-05",
      rule: expect.stringContaining("Leeds policy para 13"),
    });
  });

  it("Leeds review 2013/14: answered on working day 9, it meets the Housing Leeds 10-day target (and the deadline)", () => {
    const s = housingCase();
    s.do(
      { type: "respond", outcome: "upheld", reasons: "Mears missed the appointment" },
      "2026-03-13",
    );
    s.sent("response", "2026-03-13");
    const target = s.due("target", "stage-1");
    const deadline = s.due("respond", "stage-1");
    expect(target).toMatchObject({ date: "2026-03-16", nature: "target", metOn: "2026-03-13" });
    expect(target.explanation).toContain(
      "Housing Leeds 10 working-day target: respond by Mon 16 Mar 2026 (Leeds housing complaints review 2013/14",
    );
    expect(deadline).toMatchObject({ date: "2026-03-19", nature: "deadline", metOn: "2026-03-13" });
  });

  it("Leeds review 2013/14, HOS Code 6.3: answered on working day 12, it misses the 10-day target but meets the standard", () => {
    const s = housingCase();
    s.do(
      { type: "respond", outcome: "upheld", reasons: "Mears missed the appointment" },
      "2026-03-18",
    );
    s.sent("response", "2026-03-18");
    const target = s.due("target", "stage-1");
    const deadline = s.due("respond", "stage-1");
    expect(target.metOn! > target.date).toBe(true);
    expect(deadline.metOn! <= deadline.date).toBe(true);
    // The standard is the Code's 10 working days from the day-3 acknowledgement: day 13, inside Leeds' old 15-day back-stop.
    expect(deadline.explanation).toBe(
      // Both dates of each step, and the deadline met on the day the response was sent (decision 0322).
      "acknowledged Thu 5 Mar 2026, sent by email Thu 5 Mar 2026; +10 working days → respond by Thu 19 Mar 2026 (Housing Ombudsman Complaint Handling Code 2024 6.3: Stage 1 response within 10 working days of the acknowledgement); responded Wed 18 Mar 2026, sent by email Wed 18 Mar 2026",
    );
  });

  it("HOS Code 6.3 is statutory: Leeds' 15 working-day standard cannot be the housing deadline — start-up stops, naming the plugin", () => {
    const input = structuredClone(leeds.input) as {
      directorates: Array<{
        services: Array<{
          id: string;
          settings?: { stages?: Record<string, Record<string, unknown>> };
        }>;
      }>;
    };
    const housing = input.directorates[0]!.services.find((s) => s.id === "housing-leeds")!;
    housing.settings!.stages!["stage-1"]!["respond"] = {
      period: { workingDays: 15 },
      from: "receipt",
      rule: "Leeds policy para 16: 15 working days",
    };
    const build = () => new RuleBook(parseCouncilProfile(input), plugins);
    expect(build).toThrow(RuleConfigurationError);
    expect(build).toThrow(
      /Service "housing-leeds": service setting "housing-leeds" sets the Stage 1 response to 15 working days, above the statutory maximum of 10 working days .*declared by plugin "housing"/,
    );
  });

  it("Leeds review: the contractor (Mears) is told, and the repair carries on, when the complaint is accepted", () => {
    const s = new CaseScenario(rules).log(tenant, "2026-03-02");
    expect(
      s
        .do({ type: "triage", outcome: "accept" }, "2026-03-02")
        .map((e) => (e.type === "notify" ? e.party : e.type)),
    ).toEqual(["repairs-service", "contractor:Mears"]);
  });

  it("the Housing Ombudsman comes next, not the LGSCO, and Leeds' 28-day escalation window still applies", () => {
    expect(rules.regime.nextBody.id).toBe("housing-ombudsman");
    expect(rules.regime.stages[0]!.escalation?.window?.rule).toContain("Leeds policy para 17");
  });
});

describe("Leeds: the corporate procedure", () => {
  const rules = startCouncil("leeds", plugins).rulesFor("waste-management", "complaint");

  function wasteCase(fields: LogFields = resident): CaseScenario {
    const s = new CaseScenario(rules).log(fields, "2026-03-02T10:00:00Z");
    s.do({ type: "triage", outcome: "accept" }, "2026-03-02");
    return s;
  }

  it("Leeds policy paras 13, 16: acknowledge in 3 working days, respond in 15 from receipt, holding responses every two weeks after that", () => {
    const s = wasteCase();
    expect(s.due("acknowledge").date).toBe("2026-03-05");
    expect(s.due("respond")).toMatchObject({
      date: "2026-03-23",
      rule: expect.stringContaining("para 16"),
    });
    const holding = s.due("holding-response");
    expect(holding.date).toBe("2026-04-06");
    expect(holding.explanation).toContain("response originally due Mon 23 Mar 2026; +14 days");
    s.do({ type: "acknowledge" }, "2026-03-03");
    s.do(
      {
        type: "holding-response",
        summary: "Sorry for the delay: the crew rota is being checked; reply by 3 April",
      },
      "2026-03-25",
    );
    expect(s.due("holding-response")).toMatchObject({
      date: "2026-04-08",
      explanation: expect.stringContaining("last holding response Wed 25 Mar 2026; +14 days"),
    });
  });

  it("Leeds policy para 16: a holding response goes after the response date has passed, so it is issued, not withdrawn as stale (decision 0321)", () => {
    const s = wasteCase();
    s.do({ type: "acknowledge" }, "2026-03-03");
    expect(s.due("respond").date).toBe("2026-03-23");
    s.do(
      { type: "holding-response", summary: "Sorry for the delay: the crew rota is being checked; reply by 9 April" },
      "2026-03-26",
    );
    // Its promise is the new date the officer gives, not the original response date it follows.
    expect(
      staleLetter(s.case, { kind: "holding-response", stageId: "stage-1", stageSequence: 1 }, "2026-03-26"),
    ).toBeNull();
    // The acknowledgement still promises the original date, so once that has passed it is not sent.
    expect(
      staleLetter(s.case, { kind: "acknowledgement", stageId: "stage-1", stageSequence: 1 }, "2026-03-26")?.code,
    ).toBe("LETTER_STALE");
  });

  it("Leeds policy para 28: a discrimination complaint cannot be acknowledged until the Chief Officer, Legal and the Head of Equality are told", () => {
    const s = wasteCase({ ...resident, flags: ["discrimination-or-harassment"] });
    const early = s.try({ type: "acknowledge" }, "2026-03-03");
    expect(early.ok ? null : early.refusal).toMatchObject({
      code: "NOTIFICATION_REQUIRED",
      rule: expect.stringContaining("Leeds policy para 28"),
    });
    for (const party of ["relevant-chief-officer", "chief-officer-legal", "head-of-equality"])
      s.do({ type: "notify", party, reason: "Para 28" }, "2026-03-03");
    s.do({ type: "acknowledge" }, "2026-03-03");
  });

  it("Leeds policy paras 17, 19–22: 28 days to escalate (then only with discretion); Stage II in 15 working days from the agreed statement", () => {
    const s = wasteCase();
    s.do({ type: "assign", handlerId: "io-1" }, "2026-03-02");
    s.do({ type: "acknowledge" }, "2026-03-03");
    s.do({ type: "respond", outcome: "partly-upheld", reasons: "Missed twice" }, "2026-03-20");
    expect(s.due("escalation-window", "stage-1")).toMatchObject({
      date: "2026-04-17",
      rule: expect.stringContaining("28 days"),
    });
    const late = s.try({ type: "escalate" }, "2026-04-20");
    expect(late.ok ? null : late.refusal?.code).toBe("ESCALATION_WINDOW_CLOSED");
    s.do({ type: "escalate", lateDiscretion: "The customer was in hospital" }, "2026-04-20");
    expect(s.due("acknowledge", "stage-2")).toMatchObject({
      date: "2026-04-23",
      rule: expect.stringContaining("para 20"),
    });
    s.do({ type: "acknowledge" }, "2026-04-21");
    s.do({ type: "agree-statement" }, "2026-04-22");
    expect(s.due("respond", "stage-2")).toMatchObject({
      date: "2026-05-14",
      rule: expect.stringContaining("para 22"),
    });
    const same = s.try({ type: "assign", handlerId: "io-1" }, "2026-04-22");
    expect(same.ok ? null : same.refusal?.rule).toContain("impartial senior officer");
  });

  it("Leeds policy paras 20, 22: an investigating officer cannot answer Stage II; a Head of Service can (decision 0325)", () => {
    const s = wasteCase();
    s.do({ type: "acknowledge" }, "2026-03-03");
    s.do({ type: "respond", outcome: "not-upheld", reasons: "Collected" }, "2026-03-20", { id: "io-1", roles: ["investigating-officer"] });
    s.do({ type: "escalate" }, "2026-03-23");
    s.do({ type: "acknowledge" }, "2026-03-24");
    const io = s.try({ type: "respond", outcome: "upheld", reasons: "Missed" }, "2026-04-01", { id: "io-2", roles: ["investigating-officer"] });
    expect(io.ok ? null : io.refusal).toMatchObject({ code: "FORBIDDEN_ROLE", rule: expect.stringContaining("Leeds policy para 20") });
    s.do({ type: "respond", outcome: "upheld", reasons: "Missed" }, "2026-04-01", { id: "hos-1", roles: ["head-of-service"] });
  });

  it("Leeds policy para 46: an anonymous complaint may be recorded as not investigated; para 71: a claim ends the complaint", () => {
    const anonymous = wasteCase({ ...resident, customer: null });
    anonymous.do({ type: "record-not-investigated", reason: "Judged malicious with the DCRO" }, "2026-03-04");
    expect(anonymous.state?.closure).toMatchObject({ reason: "not-investigated" });
    const claim = wasteCase();
    claim.do({ type: "acknowledge" }, "2026-03-03");
    claim.do({ type: "refer-claim", basis: "physical-injury", details: "Hit by a bin lorry's lift" }, "2026-03-04");
    expect(claim.state?.closure).toMatchObject({ reason: "referred-to-legal" });
  });

  it("Leeds policy para 5: a written compliment is acknowledged within 10 working days", () => {
    const s = new CaseScenario(
      startCouncil("leeds", plugins).rulesFor("waste-management", "compliment"),
    ).log({ ...resident, description: "Thank you to the crew" }, "2026-03-02");
    expect(s.due("feedback-acknowledge")).toMatchObject({
      date: "2026-03-16",
      rule: expect.stringContaining("para 5"),
    });
  });
});

describe("Leeds: an FOI complaint skips Stage 1", () => {
  const rules = startCouncil("leeds", plugins).rulesFor("waste-management", "foi-eir-review");
  const director = { id: "director-1", roles: ["director" as const] };

  it("Leeds policy paras 61–63: handled as a Stage II review by the Director with Legal's advice, in 20 working days", () => {
    const s = new CaseScenario(rules).log(
      {
        ...resident,
        description: "You refused my request for the collection routes",
        matterArose: "2026-02-25",
        intake: { informationRegime: "foi", requestReference: "FOI-LCC-881" },
      },
      "2026-03-02T10:00:00Z",
    );
    s.do({ type: "triage", outcome: "accept" }, "2026-03-02");
    expect(s.case.stages.map((x) => x.stageId)).toEqual(["stage-2"]);
    expect(s.due("respond", "stage-2")).toMatchObject({
      date: "2026-03-31",
      rule: expect.stringContaining("Leeds policy para 63"),
    });
    const noLegal = s.try(
      { type: "respond", outcome: "not-upheld", reasons: "Exempt" },
      "2026-03-20",
      director,
    );
    expect(noLegal.ok ? null : noLegal.refusal?.rule).toContain("para 61");
    s.do({ type: "notify", party: "legal", reason: "Advice on s31" }, "2026-03-20");
    const effects = s.do(
      { type: "respond", outcome: "not-upheld", reasons: "Exempt" },
      "2026-03-20",
      director,
    );
    expect(effects).toContainEqual(
      expect.objectContaining({
        party: "legal",
        reason: expect.stringContaining("Log the outcome of review"),
      }),
    );
    expect(s.due("next-body-window", "stage-2").explanation).toContain("Information Commissioner");
  });

  it("FOI reviews about Housing Leeds go to the Director of Environments and Housing's service", () => {
    expect(
      startCouncil("leeds", plugins)
        .rulesFor("environments-and-housing-director", "foi-eir-review")
        .regime.stages.map((s) => s.id),
    ).toEqual(["stage-2"]);
  });
});
