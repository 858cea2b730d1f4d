import { CaseScenario, type LogFields } from "@complaints/core/testing";
import { describe, expect, it } from "vitest";
import { startCouncil } from "./index.js";
import { defaultPlugins } from "./install.js";

const plugins = await defaultPlugins();

const resident: LogFields = {
  channel: "web",
  customer: { id: "c-1", name: "Grace Obi" },
  description: "Fly-tipping reported three times and not cleared",
  desiredOutcome: "Clear it and tell me when",
};

describe("Southwark: extensions and acknowledgements", () => {
  const rules = startCouncil("southwark", plugins).rulesFor("waste-and-recycling", "complaint");

  /** Received Sat 7 Mar 2026: the receipt date is the next working day, Mon 9 Mar. */
  function opened(): CaseScenario {
    const s = new CaseScenario(rules).log(resident, "2026-03-07T11:00:00Z");
    s.do({ type: "triage", outcome: "accept" }, "2026-03-09");
    return s;
  }

  it("Southwark procedure, 'Log complaint': a web form sent at the weekend is received on the next working day; acknowledged within 5 working days", () => {
    const s = opened();
    expect(s.case.receipt).toMatchObject({
      receivedOn: "2026-03-07",
      countsFrom: "2026-03-09",
      why: "non-working-day",
    });
    expect(s.due("acknowledge")).toMatchObject({
      date: "2026-03-16",
      rule: expect.stringContaining("within 5 working days of receipt"),
    });
  });

  it("Southwark procedure, Stage One: an extension past 10 working days is refused; 10, with the Ombudsman's details, is allowed", () => {
    const s = opened();
    s.do({ type: "acknowledge" }, "2026-03-10");
    expect(s.due("respond").date).toBe("2026-03-24");
    const past10 = s.try(
      {
        type: "extend",
        workingDays: 11,
        reason: "Waiting for the contractor's report",
        ombudsmanDetailsGiven: true,
      },
      "2026-03-20",
    );
    expect(past10.ok ? null : past10.refusal).toMatchObject({
      code: "EXTENSION_TOO_LONG",
      message: expect.stringContaining("at most 10 working days"),
      rule: expect.stringContaining(
        "Southwark procedure, 'Investigation & resolution – Stage One': any extension must be no more than 10 days",
      ),
    });
    const noDetails = s.try(
      {
        type: "extend",
        workingDays: 10,
        reason: "Waiting for the contractor's report",
        ombudsmanDetailsGiven: false,
      },
      "2026-03-20",
    );
    expect(noDetails.ok ? null : noDetails.refusal?.code).toBe("OMBUDSMAN_DETAILS_REQUIRED");
    s.do(
      {
        type: "extend",
        workingDays: 10,
        reason: "Waiting for the contractor's report",
        ombudsmanDetailsGiven: true,
      },
      "2026-03-20",
    );
    expect(s.due("respond").date).toBe("2026-04-09");
    const more = s.try(
      { type: "extend", workingDays: 1, reason: "Still waiting", ombudsmanDetailsGiven: true },
      "2026-04-01",
    );
    expect(more.ok ? null : more.refusal?.message).toContain("no more can be added");
  });

  it("Southwark procedure, Stage Two: acknowledged in 5 working days; extensions up to 20 working days", () => {
    const s = opened();
    s.do({ type: "acknowledge" }, "2026-03-10");
    s.do({ type: "respond", outcome: "partly-upheld", reasons: "Cleared late" }, "2026-03-20");
    s.do({ type: "escalate" }, "2026-03-23");
    expect(s.due("acknowledge", "stage-2").rule).toContain("Stage Two");
    s.do({ type: "acknowledge" }, "2026-03-24");
    const past20 = s.try(
      { type: "extend", workingDays: 21, reason: "r", ombudsmanDetailsGiven: true },
      "2026-04-01",
    );
    expect(past20.ok ? null : past20.refusal?.rule).toContain("no more than 20 days");
  });

  it("Southwark procedure, 'Stage two investigations': a Stage 2 not upheld tells the Head of Service with the reasons, ahead of the letter; chasing after 3 then 2 working days comes from the profile (decision 0325)", () => {
    const s = opened();
    s.do({ type: "acknowledge" }, "2026-03-10");
    expect(s.do({ type: "respond", outcome: "not-upheld", reasons: "Collected on time" }, "2026-03-20").map((e) => e.type)).toEqual(["send-letter"]);
    s.do({ type: "escalate" }, "2026-03-23");
    s.do({ type: "acknowledge" }, "2026-03-24");
    const effects = s.do({ type: "respond", outcome: "not-upheld", reasons: "The crew's log shows the collection" }, "2026-04-01");
    expect(effects[0]).toMatchObject({ type: "notify", party: "head-of-service", reason: expect.stringContaining("Stage two investigations") });
    expect(effects.map((e) => e.type)).toEqual(["notify", "send-letter"]);
    expect(rules.procedures.chasing).toMatchObject({ serviceAfter: 3, headOfServiceAfter: 2, rule: expect.stringContaining("Stage two investigations") });
  });
});

describe("Southwark: landlord services under the Housing Ombudsman Code", () => {
  const rules = startCouncil("southwark", plugins).rulesFor("repairs-and-maintenance", "complaint");

  it("Southwark procedure, prioritising complaints: damp and mould is logged as high priority", () => {
    const damp: LogFields = {
      ...resident,
      description: "Black mould in the children's bedroom",
      intake: { housingIssue: "damp-and-mould", tenancyReference: "SWK-77" },
    };
    expect(() => new CaseScenario(rules).log(damp, "2026-03-09")).toThrow(
      /damp and mould is high priority/,
    );
    const s = new CaseScenario(rules).log(
      { ...damp, priority: { level: "high", reason: "Damp and mould, child with asthma" } },
      "2026-03-09",
    );
    expect(s.case.priority.level).toBe("high");
  });

  it("Southwark procedure, Stage One: the housing extension is also at most 10 working days", () => {
    const s = new CaseScenario(rules).log(
      { ...resident, intake: { tenancyReference: "SWK-77" } },
      "2026-03-09",
    );
    s.do({ type: "triage", outcome: "accept" }, "2026-03-09");
    s.do({ type: "acknowledge" }, "2026-03-10");
    const past10 = s.try(
      { type: "extend", workingDays: 11, reason: "r", ombudsmanDetailsGiven: true },
      "2026-03-20",
    );
    expect(past10.ok ? null : past10.refusal?.code).toBe("EXTENSION_TOO_LONG");
    expect(rules.regime.nextBody.id).toBe("housing-ombudsman");
  });

  it("homelessness complaints stay with the corporate procedure and the LGSCO", () => {
    expect(
      startCouncil("southwark", plugins).rulesFor("homelessness-and-housing-solutions", "complaint").regime
        .nextBody.id,
    ).toBe("lgsco");
  });

  it("children's social care follows SI 2006/1738 (three stages)", () => {
    expect(
      startCouncil("southwark", plugins).rulesFor("childrens-social-care", "complaint").regime.stages,
    ).toHaveLength(3);
  });
});
