import {
  RuleBook,
  RuleConfigurationError,
  createServicePlugin,
  parseCouncilProfile,
  recordPlugin,
} from "@complaints/core";
import { conformanceProfile, runPluginConformance } from "@complaints/core/testing";
import { describe, expect, it } from "vitest";
import pkg from "../package.json" with { type: "json" };
import { foiEirServicePlugin } from "./plugin.js";

runPluginConformance(
  foiEirServicePlugin,
  { describe, it, expect },
  {
    packageJson: pkg,
    log: {
      matterArose: "2026-02-20",
      intake: { informationRegime: "foi", requestReference: "FOI-1" },
    },
    stages: {
      "stage-2": {
        beforeRespond: [{ type: "notify", party: "legal", reason: "Advice on the exemption" }],
      },
    },
  },
);

describe("foi-eir: registration", () => {
  it("claims the foi-eir-review case kind, not a service", () => {
    const reg = recordPlugin(foiEirServicePlugin);
    expect(reg.claimsService).toBe(false);
    expect(reg.claimsKinds).toEqual(["foi-eir-review"]);
  });

  it("FOIA s10(6), EIR reg 2: working days are counted against the bank holidays of all three UK divisions", () => {
    const rules = new RuleBook(conformanceProfile(["foi-eir"]), [foiEirServicePlugin]).rulesFor(
      "conformance-service",
      "foi-eir-review",
    );
    expect(rules.regime.nations).toEqual(["england-and-wales", "scotland", "northern-ireland"]);
    expect(rules.regime.nationsRule).toContain("FOIA 2000 s10(6)");
  });

  it("records the information request reference and whether FOI or EIR applies; both are required", () => {
    const rules = new RuleBook(conformanceProfile(["foi-eir"]), [foiEirServicePlugin]).rulesFor(
      "conformance-service",
      "foi-eir-review",
    );
    const parsed = rules.intakeSchema.safeParse({
      kind: "foi-eir-review",
      channel: "email",
      receivedAt: "2026-03-02T10:00:00Z",
      customer: null,
      description: "x",
      serviceId: "conformance-service",
    });
    expect(parsed.success ? [] : parsed.error.issues.map((i) => i.path.join("."))).toEqual([
      "informationRegime",
      "requestReference",
    ]);
  });
});

describe("foi-eir: start-up checks", () => {
  const withSettings = (settings: unknown) => {
    const base = conformanceProfile(["foi-eir"]);
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

  it("FOI s45 Code: a review period above 20 working days stops start-up, naming the plugin", () => {
    const profile = withSettings({
      stages: {
        "stage-2": {
          respond: {
            period: { workingDays: 30 },
            from: "receipt",
            rule: "A council's own 30 days",
          },
        },
      },
    });
    expect(() => new RuleBook(profile, [foiEirServicePlugin])).toThrow(RuleConfigurationError);
    expect(() => new RuleBook(profile, [foiEirServicePlugin])).toThrow(
      /30 working days, above the statutory maximum of 20 working days .*declared by plugin "foi-eir"/,
    );
  });

  it("EIR reg 11(4): extensions that would pass 40 working days in all stop start-up", () => {
    const profile = withSettings({
      stages: {
        "stage-2": {
          extension: {
            maxWorkingDays: 25,
            ombudsmanDetailsRequired: false,
            rule: "A council's own extension",
          },
        },
      },
    });
    expect(() => new RuleBook(profile, [foiEirServicePlugin])).toThrow(
      /extension of 25 working days, above the statutory maximum of 20 working days/,
    );
  });

  it("two plugins claiming foi-eir-review in one service stop start-up, naming both", () => {
    const other = createServicePlugin({
      id: "other-foi",
      name: "Other",
      version: "1.0.0",
      register: (r) => r.claimKinds("foi-eir-review"),
    });
    expect(
      () =>
        new RuleBook(conformanceProfile(["foi-eir", "other-foi"]), [foiEirServicePlugin, other]),
    ).toThrow(
      'Case kind "foi-eir-review" in service "conformance-service" is claimed by two plugins, "foi-eir" and "other-foi"',
    );
  });
});
