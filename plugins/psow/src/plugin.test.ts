import { RuleBook, explainRules } from "@complaints/core";
import { conformanceProfile, runPluginConformance } from "@complaints/core/testing";
import { describe, expect, it } from "vitest";
import pkg from "../package.json" with { type: "json" };
import { psowServicePlugin } from "./plugin.js";
import { PSOW_POLICY } from "./rules.js";

runPluginConformance(psowServicePlugin, { describe, it, expect }, { packageJson: pkg });

const SERVICE = "planning";
const book = new RuleBook(conformanceProfile(["psow"], SERVICE), [psowServicePlugin]);
const rules = book.rulesFor(SERVICE, "complaint");
const regime = rules.regime;

describe("psow: the regime a Welsh council's complaints resolve to", () => {
  it(`${PSOW_POLICY}: informal resolution, then a formal investigation, then the PSOW`, () => {
    expect(regime.stages.map((s) => s.label)).toEqual([
      "Stage 1: Informal resolution",
      "Stage 2: Formal investigation",
    ]);
    expect(regime.nextBody).toMatchObject({
      id: "psow",
      name: "Public Services Ombudsman for Wales",
    });
  });

  it(`${PSOW_POLICY}: Welsh working days are England and Wales', said with the Welsh policy's own rule`, () => {
    expect(regime.nations).toEqual(["england-and-wales"]);
    expect(regime.nationsRule).toContain(PSOW_POLICY);
  });

  it(`${PSOW_POLICY}: a complaint is normally made within 6 months, not the English code's 12`, () => {
    expect(regime.timeLimit).toMatchObject({ calendarMonths: 6 });
  });

  it("no value a Welsh case shows cites the English Complaint Handling Code, the LGSCO or Leeds", () => {
    const english = /Complaint handling code|LGSCO|Local Government and Social Care|Leeds/i;
    const cited = [
      regime.nationsRule,
      regime.nextBody.rule,
      regime.nextBody.name,
      regime.timeLimit?.rule,
      regime.feedbackAcknowledge?.rule,
      regime.wronglyAddressedReturn?.rule,
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

  it("Welsh-language letters come from the profile, so the plugin adds no one-language paragraph (docs/plugins.md §7)", () => {
    expect(rules.letterParagraphs).toEqual([]);
  });

  it(`${PSOW_POLICY}: the regime is Wales's, and it inherits no English value unsaid (decision 0107)`, () => {
    expect(regime.jurisdiction).toBe("wales");
    expect(rules.trace["jurisdiction"]?.at(-1)?.rule).toContain(PSOW_POLICY);
    expect(book.warnings).toEqual([]);
    // The one English value kept, core's day 0, is kept on purpose and says why: day-1 counting
    // is unconfirmed (README, "Unconfirmed").
    expect(regime.dayCounting.firstDay).toBe(0);
    expect(explainRules(rules).find((line) => line.startsWith("dayCounting:"))).toMatch(
      /kept by plugin "psow": whether the .* counts the (day|date) of (receipt|registration) as day 1 could not be confirmed/,
    );
  });
});
