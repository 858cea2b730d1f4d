import { RuleBook, explainRules } from "@complaints/core";
import { conformanceProfile, runPluginConformance } from "@complaints/core/testing";
import { describe, expect, it } from "vitest";
import pkg from "../package.json" with { type: "json" };
import { spsoServicePlugin } from "./plugin.js";
import { MCHP } from "./rules.js";

runPluginConformance(spsoServicePlugin, { describe, it, expect }, { packageJson: pkg });

const SERVICE = "roads";
const book = new RuleBook(conformanceProfile(["spso"], SERVICE), [spsoServicePlugin]);
const rules = book.rulesFor(SERVICE, "complaint");
const regime = rules.regime;

describe("spso: the regime a Scottish council's complaints resolve to", () => {
  it(`${MCHP} Part 3: two stages, Frontline response then Investigation, then the SPSO`, () => {
    expect(regime.stages.map((s) => s.label)).toEqual([
      "Stage 1: Frontline response",
      "Stage 2: Investigation",
    ]);
    expect(regime.nextBody).toMatchObject({
      id: "spso",
      name: "Scottish Public Services Ombudsman",
      rule: expect.stringContaining("'Signposting to the SPSO'"),
    });
  });

  it(`${MCHP} Part 3: working days are Scotland's (no Easter Monday; 2 January, St Andrew's Day)`, () => {
    expect(regime.nations).toEqual(["scotland"]);
    expect(regime.nationsRule).toContain(MCHP);
  });

  it(`${MCHP} Part 2, 'Time limit for making complaints': six months, not the English code's twelve`, () => {
    expect(regime.timeLimit).toMatchObject({
      calendarMonths: 6,
      rule: expect.stringContaining("Part 2"),
    });
  });

  it(`${MCHP} Part 3, Stage 1: no acknowledgement deadline; the decision itself is due in 5 working days`, () => {
    const [stage1] = regime.stages;
    expect(stage1!.acknowledge).toBeNull();
    expect(stage1!.respond).toMatchObject({ period: { workingDays: 5 }, from: "receipt" });
  });

  it("no value a Scottish case shows cites the English Complaint Handling Code, the LGSCO or Leeds", () => {
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

  it(`${MCHP}: the regime is Scotland's, and it inherits no English value unsaid (decision 0107)`, () => {
    expect(regime.jurisdiction).toBe("scotland");
    expect(rules.trace["jurisdiction"]?.at(-1)?.rule).toContain(MCHP);
    expect(book.warnings).toEqual([]);
    // The one English value kept, core's day 0, is kept on purpose and says why: day-1 counting
    // is unconfirmed (README, "Unconfirmed").
    expect(regime.dayCounting.firstDay).toBe(0);
    expect(explainRules(rules).find((line) => line.startsWith("dayCounting:"))).toMatch(
      /kept by plugin "spso": whether the .* counts the (day|date) of (receipt|registration) as day 1 could not be confirmed/,
    );
  });
});
