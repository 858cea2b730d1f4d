import {
  RuleBook,
  RuleConfigurationError,
  parseCouncilProfile,
  recordPlugin,
} from "@complaints/core";
import { conformanceProfile, runPluginConformance } from "@complaints/core/testing";
import { describe, expect, it } from "vitest";
import pkg from "../package.json" with { type: "json" };
import { childrenSocialCareServicePlugin } from "./plugin.js";

runPluginConformance(
  childrenSocialCareServicePlugin,
  { describe, it, expect },
  {
    packageJson: pkg,
    log: { intake: { complainantIsChild: true } },
    stages: {
      "stage-2": {
        beforeRespond: [
          { type: "add-participant", role: "investigating-officer", name: "Pat Green" },
          {
            type: "add-participant",
            role: "independent-person",
            name: "Robin Shah",
            isCouncilOfficerOrMember: false,
          },
        ],
      },
      "stage-3": {
        beforeRespond: [
          {
            type: "add-participant",
            role: "panel-chair",
            name: "Dr Lee",
            isCouncilOfficerOrMember: false,
          },
          {
            type: "add-participant",
            role: "panel-member",
            name: "Sam Ray",
            isCouncilOfficerOrMember: false,
          },
          {
            type: "add-participant",
            role: "panel-member",
            name: "Kim Wu",
            isCouncilOfficerOrMember: false,
          },
          { type: "record-milestone", milestoneId: "panel-meeting" },
          { type: "record-milestone", milestoneId: "panel-report" },
        ],
      },
    },
  },
);

describe("children-social-care: the regime", () => {
  const rules = new RuleBook(conformanceProfile(["children-social-care"]), [
    childrenSocialCareServicePlugin,
  ]).rulesFor("conformance-service", "complaint");

  it("SI 2006/1738: three statutory stages, then the LGSCO", () => {
    expect(rules.regime.stages.map((s) => s.label)).toEqual([
      "Stage 1: local resolution",
      "Stage 2: investigation",
      "Stage 3: review panel",
    ]);
    expect(rules.regime.nextBody.id).toBe("lgsco");
    expect(recordPlugin(childrenSocialCareServicePlugin).claimsService).toBe(true);
  });

  it("SI 2006/1738 reg 2: England and Wales working days", () => {
    expect(rules.regime.nations).toEqual(["england-and-wales"]);
    expect(rules.regime.nationsRule).toContain("Boxing Day");
  });
});

describe("children-social-care: start-up checks", () => {
  const withSettings = (settings: unknown) => {
    const base = conformanceProfile(["children-social-care"]);
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

  it("SI 2006/1738 regs 14–15: a Stage 1 of 15 working days stops start-up, naming the plugin", () => {
    const profile = withSettings({
      stages: {
        "stage-1": {
          respond: { period: { workingDays: 15 }, from: "receipt", rule: "Corporate 15 days" },
        },
      },
    });
    expect(() => new RuleBook(profile, [childrenSocialCareServicePlugin])).toThrow(
      RuleConfigurationError,
    );
    expect(() => new RuleBook(profile, [childrenSocialCareServicePlugin])).toThrow(
      /15 working days, above the statutory maximum of 10 working days .*plugin "children-social-care"/,
    );
  });

  it("SI 2006/1738 reg 20: a council response period above 15 working days from the report stops start-up", () => {
    const profile = withSettings({
      stages: {
        "stage-3": {
          respond: {
            period: { workingDays: 20 },
            from: "milestone:panel-report",
            rule: "Too long",
          },
        },
      },
    });
    expect(() => new RuleBook(profile, [childrenSocialCareServicePlugin])).toThrow(
      /Stage 3: review panel response to 20 working days, above the statutory maximum of 15 working days/,
    );
  });

  it("SI 2006/1738 reg 17: a Stage 2 extension that would pass 65 working days in all stops start-up", () => {
    const profile = withSettings({
      stages: {
        "stage-2": {
          extension: { maxWorkingDays: 45, ombudsmanDetailsRequired: false, rule: "Too long" },
        },
      },
    });
    expect(() => new RuleBook(profile, [childrenSocialCareServicePlugin])).toThrow(
      /extension of 45 working days, above the statutory maximum of 40 working days/,
    );
  });
});
