import { RuleBook, explainRules } from "@complaints/core";
import { conformanceProfile, runPluginConformance } from "@complaints/core/testing";
import { describe, expect, it } from "vitest";
import pkg from "../package.json" with { type: "json" };
import { nipsoServicePlugin } from "./plugin.js";
import { NIPSO_MCHP } from "./rules.js";

runPluginConformance(nipsoServicePlugin, { describe, it, expect }, { packageJson: pkg });

const SERVICE = "leisure";
const book = new RuleBook(conformanceProfile(["nipso"], SERVICE), [nipsoServicePlugin]);
const rules = book.rulesFor(SERVICE, "complaint");
const regime = rules.regime;

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
        s.escalation?.window?.rule,
        ...(s.escalation?.orLaterOf ?? []).map((w) => w.rule),
        s.openedByTriage?.rule,
        s.handler?.rule,
        s.holdingInterval?.rule,
        s.target?.rule,
      ]),
    ].filter((rule): rule is string => typeof rule === "string");
    expect(cited.filter((rule) => english.test(rule))).toEqual([]);
    // Nothing is left to Leeds' 3 working days: the model sets no such deadline.
    expect(regime.wronglyAddressedReturn).toBeNull();
  });

  it(`${NIPSO_MCHP}: the regime is Northern Ireland's, and it inherits no English value unsaid (decision 0107)`, () => {
    expect(regime.jurisdiction).toBe("northern-ireland");
    expect(rules.trace["jurisdiction"]?.at(-1)?.rule).toContain(NIPSO_MCHP);
    expect(book.warnings).toEqual([]);
    // The one English value kept, core's day 0, is kept on purpose and says why: day-1 counting
    // is unconfirmed (README, "Unconfirmed").
    expect(regime.dayCounting.firstDay).toBe(0);
    expect(explainRules(rules).find((line) => line.startsWith("dayCounting:"))).toMatch(
      /kept by plugin "nipso": whether the .* counts the (day|date) of (receipt|registration) as day 1 could not be confirmed/,
    );
  });
});
