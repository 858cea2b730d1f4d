import {
  RuleBook,
  RuleConfigurationError,
  createServicePlugin,
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
import { repairContinues } from "./letters.js";
import { housingServicePlugin } from "./plugin.js";

const SERVICE = "council-housing";
const book = new RuleBook(conformanceProfile(["housing"], SERVICE), [housingServicePlugin]);
const rules = book.rulesFor(SERVICE, "complaint");

const tenant: LogFields = {
  channel: "phone",
  customer: { id: "tenant-1", name: "Ann Smith" },
  description: "Black mould in the bedroom is back after the repair",
  intake: { tenancyReference: "T-100234" },
};

runPluginConformance(
  housingServicePlugin,
  { describe, it, expect },
  { packageJson: pkg, log: { intake: { tenancyReference: "T-1" } } },
);

describe("housing: intake", () => {
  it("HOS Code 1.2 and the design's intake: a tenancy and property reference are recorded with the complaint", () => {
    const s = new CaseScenario(rules).log(
      {
        ...tenant,
        intake: {
          tenancyReference: "T-100234",
          propertyReference: "UPRN 100023336956",
          tenure: "low-cost-rental",
        },
      },
      "2026-03-02",
    );
    expect(s.case.intake).toEqual({
      tenancyReference: "T-100234",
      propertyReference: "UPRN 100023336956",
      tenure: "low-cost-rental",
    });
  });

  it("refuses an empty tenancy reference or an unknown housing issue, naming the field", () => {
    const blank = new CaseScenario(rules);
    expect(() =>
      blank.log({ ...tenant, intake: { tenancyReference: "  " } }, "2026-03-02"),
    ).toThrow(/tenancyReference/);
    expect(() =>
      new CaseScenario(rules).log({ ...tenant, intake: { housingIssue: "noise" } }, "2026-03-02"),
    ).toThrow(/housingIssue/);
  });
});

describe("housing: priority (Southwark's criteria)", () => {
  for (const issue of ["damp-and-mould", "disrepair", "safety"] as const) {
    it(`Southwark procedure, prioritising complaints: ${issue.replace(/-/g, " ")} cannot be logged at normal priority`, () => {
      const s = new CaseScenario(rules);
      expect(() =>
        s.log(
          {
            ...tenant,
            intake: { housingIssue: issue },
            priority: { level: "normal", reason: null },
          },
          "2026-03-02",
        ),
      ).toThrow(new RegExp(`${issue.replace(/-/g, " ")} is high priority.*Southwark`));
      s.log(
        {
          ...tenant,
          intake: { housingIssue: issue },
          priority: { level: "high", reason: "Health risk to a child" },
        },
        "2026-03-02",
      );
      expect(s.case.priority).toEqual({ level: "high", reason: "Health risk to a child" });
    });
  }

  it("other housing issues may be normal priority", () => {
    const s = new CaseScenario(rules).log(
      { ...tenant, intake: { housingIssue: "estate-services" } },
      "2026-03-02",
    );
    expect(s.case.priority.level).toBe("normal");
  });
});

describe("housing: the repair carries on while the complaint runs", () => {
  it("Southwark 'Continuous Service Effort': accepting the complaint tells the repairs service its request continues", () => {
    const s = new CaseScenario(rules).log(
      { ...tenant, intake: { repairRequestReference: "R-7781" } },
      "2026-03-02",
    );
    const effects = s.do({ type: "triage", outcome: "accept" }, "2026-03-02");
    expect(effects).toContainEqual({
      type: "notify",
      party: "repairs-service",
      reason: "Repair request R-7781 must carry on while complaint CMP-0001 runs",
    });
    expect(repairContinues.render({ state: s.case, stageId: "stage-1", rules })).toBe(
      "Your repair request (reference R-7781) carries on while we look into your complaint. You do not need to report it again.",
    );
  });

  it("HOS Code: a service request the resident is unhappy with becomes a complaint, and the request still continues", () => {
    const s = new CaseScenario(book.rulesFor(SERVICE, "service-request")).log(
      {
        ...tenant,
        description: "Boiler not fixed after two visits",
        intake: { repairRequestReference: "R-9000" },
      },
      "2026-03-02",
    );
    const effects = s.do(
      { type: "convert-to-complaint", reason: "Resident unhappy with the second missed visit" },
      "2026-03-04",
    );
    expect(effects).toContainEqual(
      expect.objectContaining({
        party: "repairs-service",
        reason: expect.stringContaining("R-9000"),
      }),
    );
    expect(s.case.kind).toBe("complaint");
  });

  it("without a repair reference there is nothing to notify and no paragraph", () => {
    const s = new CaseScenario(rules).log(tenant, "2026-03-02");
    expect(s.do({ type: "triage", outcome: "accept" }, "2026-03-02")).toEqual([]);
    expect(repairContinues.render({ state: s.case, stageId: "stage-1", rules })).toBeNull();
  });
});

describe("housing: contractors (Leeds names Mears and Morrison)", () => {
  const mears: LogFields = {
    ...tenant,
    intake: { contractor: "Mears", repairRequestReference: "R-1" },
  };

  it("Leeds housing review 2013/14: the contractor is recorded and told when the complaint is accepted", () => {
    const s = new CaseScenario(rules).log(mears, "2026-03-02");
    expect(s.case.intake["contractor"]).toBe("Mears");
    const effects = s.do({ type: "triage", outcome: "accept" }, "2026-03-02");
    expect(effects).toContainEqual({
      type: "notify",
      party: "contractor:Mears",
      reason: "Complaint CMP-0001 is about work by Mears: their account will be requested",
    });
  });

  it("Southwark procedure (contact all relevant parties): no response until the contractor has been asked for their account", () => {
    const s = new CaseScenario(rules).log(mears, "2026-03-02");
    s.do({ type: "triage", outcome: "accept" }, "2026-03-02");
    s.do({ type: "acknowledge" }, "2026-03-03");
    const early = s.try(
      { type: "respond", outcome: "upheld", reasons: "Late repair" },
      "2026-03-04",
    );
    expect(early.ok ? null : early.refusal).toMatchObject({
      code: "PLUGIN_GUARD",
      message: expect.stringContaining("Ask Mears for their account"),
      rule: expect.stringContaining("Mears/Morrison"),
    });

    const asked = s.do(
      {
        type: "request-information",
        id: "contractor:mears-1",
        from: "service",
        what: "Mears' job notes for the two visits",
      },
      "2026-03-04",
    );
    expect(asked).toContainEqual({
      type: "notify",
      party: "contractor:Mears",
      reason:
        "Please send your account for complaint CMP-0001: Mears' job notes for the two visits",
    });
    s.do({ type: "receive-information", id: "contractor:mears-1" }, "2026-03-09");
    const answered = s.do(
      { type: "respond", outcome: "upheld", reasons: "Mears missed two appointments" },
      "2026-03-10",
    );
    expect(answered.filter((e) => e.type === "notify")).toEqual([]);
    expect(s.case.informationRequests[0]).toMatchObject({
      requestedOn: "2026-03-04",
      answeredOn: "2026-03-09",
    });
  });

  it("answering without the contractor's account tells the complaints manager", () => {
    const s = new CaseScenario(rules).log(mears, "2026-03-02");
    s.do({ type: "triage", outcome: "accept" }, "2026-03-02");
    s.do({ type: "acknowledge" }, "2026-03-03");
    s.do(
      { type: "request-information", id: "contractor:mears-1", from: "service", what: "job notes" },
      "2026-03-04",
    );
    const effects = s.do(
      { type: "respond", outcome: "upheld", reasons: "Repair late" },
      "2026-03-16",
    );
    expect(effects).toContainEqual({
      type: "notify",
      party: "complaints-manager",
      reason: "CMP-0001 was answered without Mears's account (job notes)",
    });
  });
});

describe("housing: letters", () => {
  it("adds no Ombudsman paragraph of its own: the letter's Ombudsman section carries the details once (issue 15)", () => {
    expect(rules.letterParagraphs.map((p) => p.id)).toEqual([repairContinues.id]);
  });
});

describe("housing: reports", () => {
  it("RSH Tenant Satisfaction Measures: CH01 and CH02 are contributed as definitions, per stage", () => {
    expect(
      rules.reports.find((r) => r.id === "housing.tsm-ch01-ch02")?.measures.map((m) => m.id),
    ).toEqual(["CH01-1", "CH01-2", "CH02-1", "CH02-2"]);
    expect(rules.reports.find((r) => r.id === "housing.tsm-ch01-ch02")?.source).toContain(
      "Tenant Satisfaction Measures",
    );
  });

  it("HOS Code section 8: the self-assessment figures are contributed, including targets met beside deadlines", () => {
    const self = rules.reports.find((r) => r.id === "housing.code-self-assessment");
    expect(self?.measures.map((m) => m.id)).toEqual([
      "acknowledged-in-time",
      "extensions",
      "stage-1-median",
      "refused",
      "target-met",
      "ombudsman-findings",
      "contractor-cases",
    ]);
  });
});

describe("housing: start-up checks", () => {
  const withServiceSettings = (settings: unknown) => {
    const base = conformanceProfile(["housing"], SERVICE);
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

  it("HOS Code 6.3 is statutory: a council setting Stage 1 to 15 working days stops start-up, naming the plugin", () => {
    const profile = withServiceSettings({
      stages: {
        "stage-1": {
          respond: { period: { workingDays: 15 }, from: "receipt", rule: "Leeds policy para 16" },
        },
      },
    });
    expect(() => new RuleBook(profile, [housingServicePlugin])).toThrow(RuleConfigurationError);
    expect(() => new RuleBook(profile, [housingServicePlugin])).toThrow(
      /sets the Stage 1 response to 15 working days, above the statutory maximum of 10 working days \(Housing Ombudsman Complaint Handling Code 2024 6\.3.*declared by plugin "housing"\)/,
    );
  });

  it("a council may be quicker than the Code: a 3 working-day acknowledgement starts", () => {
    const profile = withServiceSettings({
      stages: {
        "stage-1": {
          acknowledge: {
            period: { workingDays: 3 },
            from: "receipt",
            rule: "Leeds policy para 13",
          },
        },
      },
    });
    expect(
      new RuleBook(profile, [housingServicePlugin]).rulesFor(SERVICE, "complaint").regime.stages[0]!
        .acknowledge?.period,
    ).toEqual({ workingDays: 3 });
  });

  it("two plugins claiming one service stop start-up, naming both", () => {
    const rival = createServicePlugin({
      id: "rival-housing",
      name: "Rival",
      version: "1.0.0",
      register: (r) => r.claimService(),
    });
    expect(
      () =>
        new RuleBook(conformanceProfile(["housing", "rival-housing"], SERVICE), [
          housingServicePlugin,
          rival,
        ]),
    ).toThrow('Service "council-housing" is claimed by two plugins, "housing" and "rival-housing"');
  });

  it("registers once: claims the service, not case kinds", () => {
    const reg = recordPlugin(housingServicePlugin);
    expect(reg.claimsService).toBe(true);
    expect(reg.claimsKinds).toEqual([]);
    expect(pkg.complaints.role).toBe("service-plugin");
  });
});

describe("housing: two stages, never three", () => {
  // Any add-on that adds a third stage (an Independent Adjudicator) must not reach housing complaints.
  const thirdStage = createServicePlugin({
    id: "third-stage",
    name: "A third stage",
    version: "1.0.0",
    register(r) {
      r.addStage(
        {
          id: "stage-3",
          label: "Stage 3",
          acknowledge: null,
          respond: {
            period: { workingDays: 30 },
            from: "escalation-request",
            rule: "Test third stage",
          },
          responsePeriodAgreeable: false,
          target: null,
          extension: null,
          holdingInterval: null,
          escalation: null,
          referBackTo: null,
          handler: null,
          signedByResponsiblePerson: false,
          acknowledgementLetter: "escalation-acknowledgement",
          responseLetter: "stage-3-response",
        },
        { after: "stage-2" },
      );
      r.setEscalation("stage-2", {
        to: "stage-3",
        window: null,
        lateAllowedWithDiscretion: false,
        rule: "Test third stage",
      });
    },
  });

  it("HOS Code: a council that enables a third-stage add-on on a housing service is stopped at start-up, naming the plugin", () => {
    const build = () =>
      new RuleBook(conformanceProfile(["housing", "third-stage"], SERVICE), [
        housingServicePlugin,
        thirdStage,
      ]);
    expect(build).toThrow(RuleConfigurationError);
    expect(build).toThrow(
      /service "council-housing", complaint: plugin "housing": a housing complaint has two stages, then the Housing Ombudsman; this service would have 3 \(Stage 1, Stage 2, Stage 3\).*\(Housing Ombudsman Complaint Handling Code 2024: two stages only/,
    );
  });

  it("the same add-on elsewhere (not a housing service) starts", () => {
    expect(
      new RuleBook(conformanceProfile(["third-stage"], SERVICE), [thirdStage]).rulesFor(
        SERVICE,
        "complaint",
      ).regime.stages,
    ).toHaveLength(3);
  });
});
