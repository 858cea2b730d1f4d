import {
  ProfileValidationError,
  RuleConfigurationError,
  parseCouncilProfile,
} from "@complaints/core";
import { describe, expect, it } from "vitest";
import { leeds } from "./councils/leeds.js";
import { startCouncil, startRules } from "./index.js";
import { defaultPlugins } from "./install.js";

const plugins = await defaultPlugins();

/** The Leeds profile with one service changed. */
function leedsWith(serviceId: string, change: (service: Record<string, unknown>) => void) {
  const input = structuredClone(leeds.input) as {
    directorates: Array<{ services: Array<Record<string, unknown>> }>;
  };
  const service = input.directorates.flatMap((d) => d.services).find((s) => s.id === serviceId)!;
  change(service);
  return input;
}

describe("start-up fails with a clear message for a misconfigured profile", () => {
  it("two plugins claiming one service: names the service and both plugins", () => {
    const input = leedsWith(
      "housing-leeds",
      (s) => (s["plugins"] = ["housing", "adult-social-care"]),
    );
    const start = () => startRules(parseCouncilProfile(input), plugins);
    expect(start).toThrow(RuleConfigurationError);
    expect(start).toThrow(
      'Service "housing-leeds" is claimed by two plugins, "housing" and "adult-social-care": enable only one regime per service; keep the one whose procedure the service follows and remove the other from the "plugins" of the service (or of its directorate) in profile "leeds"',
    );
  });

  it("one clash, one message (issue 17): the two regimes are not resolved over each other, so none of the clash's consequences is listed", () => {
    // Adult and children's social care on one service gave nine: the clash, then the children's
    // Stage 3 missing from the adult regime, its intake field twice, an escalation per case kind…
    const input = leedsWith("waste-management", (s) => (s["plugins"] = ["adult-social-care", "children-social-care"]));
    let error: unknown;
    try {
      startRules(parseCouncilProfile(input), plugins);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(RuleConfigurationError);
    expect((error as RuleConfigurationError).problems).toEqual([
      'Service "waste-management" is claimed by two plugins, "adult-social-care" and "children-social-care": enable only one regime per service; keep the one whose procedure the service follows and remove the other from the "plugins" of the service (or of its directorate) in profile "leeds"',
    ]);
  });

  it("a timescale above a statutory maximum: names the setting, the maximum, its rule and the plugin", () => {
    const input = leedsWith("adult-social-care", (s) => {
      s["settings"] = {
        stages: {
          "stage-1": {
            acknowledge: {
              period: { workingDays: 5 },
              from: "receipt",
              rule: "Leeds corporate 5 days",
            },
          },
        },
      };
    });
    expect(() => startRules(parseCouncilProfile(input), plugins)).toThrow(
      'Service "adult-social-care": service setting "adult-social-care" sets the Local resolution (SI 2009/309) acknowledgement to 5 working days, above the statutory maximum of 3 working days (SI 2009/309 reg 13',
    );
  });

  it("a plugin that is not installed: names it and lists the installed ones", () => {
    const input = leedsWith("waste-management", (s) => (s["plugins"] = ["trading-standards"]));
    expect(() => startRules(parseCouncilProfile(input), plugins)).toThrow(
      'Service "waste-management" enables plugin "trading-standards", which is not installed (installed: housing, foi-eir, adult-social-care, children-social-care, member-enquiries, independent-adjudicator, spso, psow, nipso)',
    );
  });

  it("a third stage on a housing service: names the housing plugin and the Code", () => {
    const input = leedsWith(
      "housing-leeds",
      (s) => (s["plugins"] = ["housing", "independent-adjudicator"]),
    );
    expect(() => startRules(parseCouncilProfile(input), plugins)).toThrow(
      /plugin "housing": a housing complaint has two stages, then the Housing Ombudsman/,
    );
  });

  it("a profile that is not valid data: names the field", () => {
    const input = leedsWith("waste-management", (s) => (s["id"] = "Waste Management"));
    expect(() => parseCouncilProfile(input)).toThrow(ProfileValidationError);
    expect(() => parseCouncilProfile(input)).toThrow(
      /directorates\.0\.services\.2\.id: use lower-case letters, digits and hyphens/,
    );
  });
});

describe("start-up warnings (decision 0107)", () => {
  it("the English seed councils inherit no English value across a jurisdiction, so start-up warns of nothing", () => {
    for (const id of ["leeds", "lewisham", "southwark", "lancaster", "default"] as const) {
      expect(startCouncil(id, plugins).warnings).toEqual([]);
    }
  });
});
