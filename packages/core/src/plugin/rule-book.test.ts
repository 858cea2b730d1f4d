import { describe, expect, it } from "vitest";
import { council } from "../../test/scenario.js";
import { RuleConfigurationError } from "./rule-book.js";
import { explainRules } from "./explain.js";
import { createServicePlugin, type ServicePlugin } from "./types.js";
import { recordPlugin, PluginRegistrationError } from "./registrar.js";

const housingLike = (id: string): ServicePlugin =>
  createServicePlugin({
    id,
    name: id,
    version: "1.0.0",
    register(reg) {
      reg.claimService();
      reg.setTimescale("stage-1", "respond", { period: { workingDays: 10 }, from: "acknowledgement", rule: "Housing Ombudsman code 6.3" });
      reg.setStatutoryMaximum("stage-1", "respond", { workingDays: 10 }, "Housing Ombudsman code 6.3");
    },
  });

const thirdStage = createServicePlugin({
  id: "third-stage",
  name: "Third stage",
  version: "1.0.0",
  register(reg) {
    reg.addStage(
      {
        id: "stage-3",
        label: "Stage 3",
        acknowledge: null,
        respond: { period: { workingDays: 30 }, from: "escalation-request", rule: "Lewisham: Independent Adjudicator 30 days" },
        responsePeriodAgreeable: false,
        target: null,
        extension: null,
        holdingInterval: null,
        escalation: null,
        referBackTo: null,
        handler: null,
        signedByResponsiblePerson: false,
        acknowledgementLetter: "acknowledgement",
        responseLetter: "stage-3-response",
      },
      { after: "stage-2" },
    );
    reg.setEscalation("stage-2", { to: "stage-3", window: null, lateAllowedWithDiscretion: true, rule: "Lewisham report §3" });
  },
});

describe("resolution order: core default < council profile < plugin < service setting (docs/design.md §5)", () => {
  it("each layer overrides the one below and the trace says who set what", () => {
    const book = council({
      timescales: { stages: { "stage-1": { respond: { period: { workingDays: 15 }, from: "receipt", rule: "Leeds policy para 15" } } } },
      plugins: [housingLike("housing")],
      enable: ["housing"],
      serviceSettings: { stages: { "stage-1": { acknowledge: { period: { workingDays: 3 }, from: "receipt", rule: "Leeds policy para 13" } } } },
    });
    const rules = book.rulesFor("waste", "complaint");
    expect(rules.regime.stages[0]!.respond.period).toEqual({ workingDays: 10 });
    expect(rules.trace["stage-1.respond"]!.map((t) => t.layer.kind)).toEqual(["core-default", "profile", "plugin"]);
    expect(rules.trace["stage-1.acknowledge"]!.at(-1)!.layer).toEqual({ kind: "service", id: "waste" });
    const lines = explainRules(rules);
    expect(lines).toContain(
      'stage-1.respond: 10 working days from the acknowledgement — plugin "housing" (Housing Ombudsman code 6.3) [overrides council profile "test-council": 15 working days from receipt; core default: 10 working days from the acknowledgement]',
    );
  });

  it("a plugin can add a stage, and the stage graph then leads to it", () => {
    const rules = council({ plugins: [thirdStage], enable: ["third-stage"] }).rulesFor("waste", "complaint");
    expect(rules.regime.stages.map((s) => s.id)).toEqual(["stage-1", "stage-2", "stage-3"]);
  });

  it("a skipped first stage makes the next one the entry (FOI/EIR start at Stage 2)", () => {
    const rules = council({ timescales: { skipStages: [{ stage: "stage-1", reason: "Leeds policy para 58: FOI complaints go straight to review" }] } }).rulesFor("waste", "complaint");
    expect(rules.regime.stages.map((s) => s.id)).toEqual(["stage-2"]);
    expect(rules.regime.stages[0]!.handler?.independentOf).toEqual([]);
  });
});

describe("start-up errors name the plugin (docs/design.md §5)", () => {
  it("two plugins claiming the same service", () => {
    expect(() => council({ plugins: [housingLike("housing"), housingLike("social-housing")], enable: ["housing", "social-housing"] })).toThrow(
      'Service "waste" is claimed by two plugins, "housing" and "social-housing": enable only one regime per service',
    );
  });

  it("a timescale above a statutory maximum", () => {
    let error: unknown;
    try {
      council({
        plugins: [housingLike("housing")],
        enable: ["housing"],
        serviceSettings: { stages: { "stage-1": { respond: { period: { workingDays: 15 }, from: "receipt", rule: "Leeds policy para 15" } } } },
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RuleConfigurationError);
    expect((error as Error).message).toContain(
      'Service "waste": service setting "waste" sets the Stage 1 response to 15 working days, above the statutory maximum of 10 working days (Housing Ombudsman code 6.3; declared by plugin "housing")',
    );
  });

  it("a stage graph with no way through: an added stage nothing escalates to", () => {
    const orphan = createServicePlugin({
      id: "orphan",
      name: "orphan",
      version: "1.0.0",
      register(reg) {
        thirdStage.register({ ...reg, setEscalation: () => undefined });
      },
    });
    expect(() => council({ plugins: [orphan], enable: ["orphan"] })).toThrow(/stage "stage-3" cannot be reached: no stage escalates to it \(plugins: orphan\)/);
  });

  it("skipping every stage leaves no way to handle or close a complaint", () => {
    const skipAll = createServicePlugin({
      id: "skip-all",
      name: "skip all",
      version: "1.0.0",
      register(reg) {
        reg.skipStage("stage-1", "test");
        reg.skipStage("stage-2", "test");
      },
    });
    expect(() => council({ plugins: [skipAll], enable: ["skip-all"] })).toThrow(/no stages left, so no complaint could be handled or closed \(plugins: skip-all\)/);
  });

  it("an escalation loop has no final stage", () => {
    expect(() => council({ timescales: { stages: { "stage-2": { escalation: { to: "stage-1", window: null, lateAllowedWithDiscretion: false, rule: "loop" } } } } })).toThrow(/loops back/);
  });

  it("a service that enables a plugin which is not installed", () => {
    expect(() => council({ enable: ["housing"] })).toThrow(/enables plugin "housing", which is not installed/);
  });

  it("a setter called twice, and a late call after register() returned", () => {
    const twice = createServicePlugin({ id: "twice", name: "t", version: "1", register: (reg) => { reg.claimService(); reg.claimService(); } });
    expect(() => recordPlugin(twice)).toThrow(new PluginRegistrationError("twice", "claimService was set twice; a setter takes one value"));
    let saved: Parameters<ServicePlugin["register"]>[0] | undefined;
    recordPlugin(createServicePlugin({ id: "late", name: "l", version: "1", register: (reg) => { saved = reg; } }));
    expect(() => saved!.claimService()).toThrow(/called after register\(\) returned/);
  });

  it("an invalid profile is rejected field by field", () => {
    expect(() => council({ cutOffTime: "5pm" })).toThrow(/calendar.cutOffTime: HH:MM, 24-hour/);
  });
});

describe("which plugins govern a case", () => {
  const memberEnquiries = createServicePlugin({
    id: "member-enquiries",
    name: "Member enquiries",
    version: "1.0.0",
    register(reg) {
      reg.claimKinds("member-enquiry");
      reg.setTimescale("stage-1", "respond", { period: { workingDays: 10 }, from: "receipt", rule: "Lewisham: member enquiries 10 days" });
    },
  });

  it("a plugin claiming the case kind wins over the one claiming the service", () => {
    const book = council({ plugins: [housingLike("housing"), memberEnquiries], enable: ["housing", "member-enquiries"] });
    expect(book.rulesFor("waste", "member-enquiry").plugins).toEqual(["member-enquiries"]);
    expect(book.rulesFor("waste", "complaint").plugins).toEqual(["housing"]);
  });
});
