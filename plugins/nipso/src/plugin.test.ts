import { RuleBook } from "@complaints/core";
import { conformanceProfile, runPluginConformance } from "@complaints/core/testing";
import { describe, expect, it } from "vitest";
import pkg from "../package.json" with { type: "json" };
import { nipsoServicePlugin } from "./plugin.js";
import { NIPSO_MCHP } from "./rules.js";

runPluginConformance(nipsoServicePlugin, { describe, it, expect }, { packageJson: pkg });

const SERVICE = "leisure";
const regime = new RuleBook(conformanceProfile(["nipso"], SERVICE), [nipsoServicePlugin]).rulesFor(
  SERVICE,
  "complaint",
).regime;

describe("nipso: the regime a Northern Ireland council's complaints resolve to", () => {
  it(`${NIPSO_MCHP}: two stages, Frontline response then Investigation, then NIPSO`, () => {
    expect(regime.stages.map((s) => s.label)).toEqual([
      "Stage 1: Frontline response",
      "Stage 2: Investigation",
    ]);
    expect(regime.nextBody).toMatchObject({
      id: "nipso",
      name: "Northern Ireland Public Services Ombudsman",
    });
  });

  it(`${NIPSO_MCHP}: working days are Northern Ireland's`, () => {
    expect(regime.nations).toEqual(["northern-ireland"]);
  });

  it("the model's time limits are unconfirmed, so none is applied rather than the English code's 12 months", () => {
    expect(regime.timeLimit).toBeNull();
    expect(regime.nextBody.window).toBeNull();
  });

  it("no value a Northern Ireland case shows cites the English Complaint Handling Code, the LGSCO or Leeds", () => {
    const english = /Complaint handling code|LGSCO|Local Government and Social Care|Leeds/i;
    const cited = [
      regime.nationsRule,
      regime.nextBody.rule,
      regime.nextBody.name,
      ...regime.stages.flatMap((s) => [
        s.acknowledge?.rule,
        s.respond.rule,
        s.extension?.rule,
        s.escalation?.rule,
        s.handler?.rule,
        s.holdingInterval?.rule,
        s.target?.rule,
      ]),
    ].filter((rule): rule is string => typeof rule === "string");
    expect(cited.filter((rule) => english.test(rule))).toEqual([]);
    // A plugin cannot set the wrongly-addressed return yet (README, "Needs core features").
    expect(regime.wronglyAddressedReturn?.rule).toMatch(/Leeds/);
  });
});
