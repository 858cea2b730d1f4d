import { describe, expect, it } from "vitest";
import { createServicePlugin, type PluginRegistrar } from "../plugin/types.js";
import { conformanceProblems, runPluginConformance, type ConformanceCheck } from "./conformance.js";

const plugin = (id: string, register: (r: PluginRegistrar) => void) =>
  createServicePlugin({ id, name: `Test plugin ${id}`, version: "1.0.0", register });

const problemsOf = (check: ConformanceCheck, p: ReturnType<typeof plugin>, options = {}) =>
  conformanceProblems(p, options)
    .filter((x) => x.check === check)
    .map((x) => x.message);

const goodPlugin = plugin("good", (r) => {
  r.claimService();
  r.setTimescale("stage-1", "respond", {
    period: { workingDays: 8 },
    from: "acknowledgement",
    rule: "Test rule 1",
  });
  r.setStatutoryMaximum("stage-1", "respond", { workingDays: 10 }, "Test statute s1");
  r.setNextBody({
    id: "test-ombudsman",
    name: "Test Ombudsman",
    window: null,
    rule: "Test statute s9",
  });
  r.addLetterParagraphs({
    id: "good.signpost",
    letters: ["stage-2-response", "extension-notice"],
    slot: "body-end",
    render: ({ rules }) =>
      `You can ask the ${rules.regime.nextBody.name} to look at your complaint.`,
  });
});

describe("the conformance kit", () => {
  it("passes a plugin that registers cleanly, closes every stage, keeps its maxima and signposts its next body", () => {
    expect(conformanceProblems(goodPlugin)).toEqual([]);
  });

  it("reports a plugin that claims both the service and case kinds", () => {
    const both = plugin("both", (r) => {
      r.claimService();
      r.claimKinds("member-enquiry");
    });
    expect(problemsOf("registration", both)).toEqual([
      expect.stringContaining("claims both the service and case kinds"),
    ]);
  });

  it("reports a register() that throws, and a package.json that depends on more than core", () => {
    const broken = plugin("broken", () => {
      throw new Error("boom");
    });
    expect(problemsOf("registration", broken)).toEqual([
      expect.stringContaining("register() threw: boom"),
      expect.stringContaining("register() threw: boom"),
    ]);
    const pkg = {
      name: "@complaints/plugin-good",
      type: "module",
      complaints: { role: "service-plugin" },
      dependencies: { "@complaints/db": "workspace:*" },
      peerDependencies: { "@complaints/core": "^0.1.0" },
    };
    expect(problemsOf("registration", goodPlugin, { packageJson: pkg })).toEqual([
      expect.stringContaining("not @complaints/db"),
    ]);
  });

  it("accepts any npm package name, so a council publishes its plugin under its own scope (issue 17)", () => {
    const pkg = (name: unknown) => ({ name, type: "module", complaints: { role: "service-plugin" }, peerDependencies: { "@complaints/core": "^0.1.0" } });
    for (const name of ["@northmoor/complaints-plugin-repairs", "complaints-plugin-spso", "@complaints/plugin-good"]) {
      expect(problemsOf("registration", goodPlugin, { packageJson: pkg(name) })).toEqual([]);
    }
    expect(problemsOf("registration", goodPlugin, { packageJson: pkg("Northmoor Repairs") })).toEqual([
      'package name "Northmoor Repairs" is not an npm package name (lower case, and scoped if you like: "@your-council/complaints-plugin-<id>")',
    ]);
  });

  it("asks for the core versions a plugin supports as a peer, never core as a dependency (docs/decisions/0406)", () => {
    const pkg = { name: "complaints-plugin-good", type: "module", complaints: { role: "service-plugin" }, dependencies: { "@complaints/core": "^0.1.0" } };
    expect(problemsOf("registration", goodPlugin, { packageJson: pkg })).toEqual([
      'package.json needs "peerDependencies": { "@complaints/core": "<the core versions it supports, like ^0.1.0>" }',
      "@complaints/core is a peer of a plugin, not one of its dependencies: a dependency installs a second core beside the product's",
    ]);
  });

  it("reports a value set without naming its rule", () => {
    const ruleless = plugin("ruleless", (r) => {
      r.setStageOption("stage-2", { referBackTo: "stage-1" }, "");
    });
    expect(problemsOf("provenance", ruleless)).toEqual([
      "stage-2.referBackTo is set without naming its rule",
    ]);
  });

  it("reports a stage that cannot be answered because a guard refuses every response", () => {
    const stuck = plugin("stuck", (r) => {
      r.onTransition({
        order: "pre",
        commands: ["respond"],
        handler: () => ({ refuse: { message: "Never", rule: "Test" } }),
      });
    });
    expect(problemsOf("stages-close", stuck)).toEqual([
      expect.stringContaining('Stage 1: "respond" was refused: Never'),
    ]);
  });

  it("lets a plugin's test supply what its guards need before a stage can be answered", () => {
    const needsNotice = plugin("needs-notice", (r) => {
      r.onTransition({
        order: "pre",
        commands: ["respond"],
        handler: ({ state }) =>
          state?.notified.some((n) => n.party === "legal")
            ? undefined
            : { refuse: { message: "Tell Legal first", rule: "Test" } },
      });
    });
    const stages = {
      "stage-1": { beforeRespond: [{ type: "notify" as const, party: "legal", reason: "advice" }] },
      "stage-2": { beforeRespond: [] },
    };
    expect(problemsOf("stages-close", needsNotice, { stages })).toEqual([]);
  });

  it("reports a declared maximum the plugin's own value breaks", () => {
    const over = plugin("over", (r) => {
      r.setExtension("stage-1", {
        maxWorkingDays: 12,
        ombudsmanDetailsRequired: true,
        rule: "Test rule",
      });
      r.setStatutoryMaximum("stage-1", "extension", { workingDays: 10 }, "Test statute");
    });
    expect(problemsOf("registration", over)).toEqual([
      expect.stringContaining("above the statutory maximum of 10 working days"),
    ]);
  });

  it("reports a maximum declared for a stage its regime does not have", () => {
    const nowhere = plugin("nowhere", (r) => {
      r.setStatutoryMaximum("stage-9", "respond", { workingDays: 10 }, "Test statute");
    });
    expect(problemsOf("statutory-maxima", nowhere)).toEqual([
      expect.stringContaining('no stage "stage-9"'),
    ]);
  });

  it("asks no paragraph naming a changed next body: the letters' own Ombudsman section names it once (issue 15)", () => {
    const silent = plugin("silent", (r) => {
      r.setNextBody({
        id: "test-ombudsman",
        name: "Test Ombudsman",
        window: null,
        rule: "Test statute",
      });
    });
    expect(problemsOf("letters", silent)).toEqual([]);
  });

  it("reports a paragraph that renders unfinished text", () => {
    const sloppy = plugin("sloppy", (r) => {
      r.addLetterParagraphs({
        id: "sloppy.p",
        letters: ["acknowledgement"],
        slot: "opening",
        render: ({ state }) => `Dear ${String(state.intake["missing"])}`,
      });
    });
    expect(problemsOf("letters", sloppy)[0]).toContain(
      'paragraph "sloppy.p" rendered unfinished text',
    );
  });

  it("reports a letter the regime sends that its rules give no checklist for: it could never be issued (issue 17)", () => {
    const noFinal = plugin("no-final", (r) => {
      r.claimService();
      r.setLetterContent("stage-2-response", null, { rule: "Test: the final response forgotten" });
    });
    expect(problemsOf("letters-issuable", noFinal)).toEqual([
      expect.stringContaining("complaint, Stage 2: the Stage 2 response is sent, but its rules have no checklist for it"),
    ]);
  });

  it("reports each letter a builder (the letters package's) cannot make issuable, naming what it lacks", () => {
    const lacking = plugin("lacking", (r) => r.claimService());
    const issueLetter = (kind: string) => ({ kind, sections: [], signOff: { signedByResponsiblePerson: false } });
    const problems = problemsOf("letters-issuable", lacking, { issueLetter });
    expect(problems).toContain(
      "complaint, Stage 2: the Stage 2 response cannot be issued: it lacks how to contact the Local Government and Social Care Ombudsman and the right to go to them (Leeds policy 23: the final response gives the Ombudsman's contact details)",
    );
  });

  runPluginConformance(goodPlugin, { describe, it, expect });
});
