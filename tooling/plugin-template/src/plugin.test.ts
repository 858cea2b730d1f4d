import { RuleBook } from "@complaints/core";
import { CaseScenario, conformanceProfile, runPluginConformance } from "@complaints/core/testing";
import { describe, expect, it } from "vitest";
import pkg from "../package.json" with { type: "json" };
import { exampleServicePlugin } from "./plugin.js";

// Every plugin runs the conformance kit. `stages` supplies what its guards need.
runPluginConformance(
  exampleServicePlugin,
  { describe, it, expect },
  {
    packageJson: pkg,
    stages: {
      "stage-1": {
        beforeRespond: [
          {
            type: "record-contact",
            direction: "out",
            channel: "phone",
            summary: "Agreed what the customer wants",
          },
        ],
      },
      "stage-2": { beforeRespond: [] },
    },
  },
);

// Scenario tests: whole cases on fixed dates, each expected date citing its rule.
describe("example: a complaint through its rules", () => {
  const rules = new RuleBook(conformanceProfile(["example"], "example-service"), [
    exampleServicePlugin,
  ]).rulesFor("example-service", "complaint");

  function opened(): CaseScenario {
    const s = new CaseScenario(rules).log(
      {
        channel: "web",
        customer: { id: "c-1", name: "Ann Smith" },
        description: "Overgrown verge",
        intake: { siteReference: "S-12" },
      },
      "2026-03-02T10:00:00Z",
    );
    s.do({ type: "triage", outcome: "accept" }, "2026-03-02");
    return s;
  }

  it("Example standard para 4: the 7-day target is tracked beside the council's deadline", () => {
    const s = opened();
    expect(s.due("target")).toMatchObject({
      date: "2026-03-11",
      nature: "target",
      rule: expect.stringContaining("para 4"),
    });
    expect(s.due("respond").nature).toBe("deadline");
  });

  it("Southwark 'Contact Customer': no response before the customer has been contacted", () => {
    const s = opened();
    s.do({ type: "acknowledge" }, "2026-03-03");
    const early = s.try({ type: "respond", outcome: "upheld", reasons: "Cut back" }, "2026-03-04");
    expect(early.ok ? null : early.refusal).toMatchObject({
      code: "PLUGIN_GUARD",
      rule: expect.stringContaining("Contact Customer"),
    });
    s.do(
      { type: "record-contact", direction: "out", channel: "phone", summary: "Agreed a visit" },
      "2026-03-04",
    );
    s.do({ type: "respond", outcome: "upheld", reasons: "Cut back" }, "2026-03-05");
  });
});
