import { parseCouncilProfile } from "@complaints/core";
import { CaseScenario } from "@complaints/core/testing";
import { describe, expect, it } from "vitest";
import { leeds } from "./councils/leeds.js";
import { startCouncil, startRules } from "./index.js";
import { defaultPlugins } from "./install.js";

const plugins = await defaultPlugins();

/**
 * What the profiles needed from core (docs/decisions/0401-plugins-service-regimes.md, "Gaps in
 * core"), now provided: settings for a stage a kind's regime skipped do not apply to that kind,
 * and a referred-back stage counts from the referral.
 */
describe("profile rules that rely on core's kind scoping and referral anchors", () => {
  it("Leeds policy para 61: FOI/EIR reviews can be enabled on Housing Leeds while its own Stage 1 settings (3-day ack, 10-day target) stay", () => {
    const input = structuredClone(leeds.input) as {
      directorates: Array<{ services: Array<{ id: string; plugins?: string[] }> }>;
    };
    input.directorates.flatMap((d) => d.services).find((s) => s.id === "housing-leeds")!.plugins = [
      "housing",
      "foi-eir",
    ];
    const book = startRules(parseCouncilProfile(input), plugins);
    expect(book.rulesFor("housing-leeds", "foi-eir-review").regime.stages.map((s) => s.id)).toEqual(
      ["stage-2"],
    );
    expect(book.rulesFor("housing-leeds", "complaint").regime.stages[0]!.target?.label).toBe(
      "Housing Leeds 10 working-day target",
    );
  });

  it("Lancaster task group 8(2): a Stage 1 reopened by a referral back counts its acknowledgement from the referral, not from the original receipt", () => {
    // Core gap: deadlines/due-dates.ts anchorDate("receipt") always returns the case's receipt,
    // so a Stage 1 reopened by refer-back on 18 Jun is "due to be acknowledged" on 8 Jun, ten
    // days before it existed. Needed: for a stage instance opened by refer-back, "receipt" (or
    // "stage-request") counts from the referral (StageInstance.requestedOn).
    const rules = startCouncil("lancaster", plugins).rulesFor("other-services", "complaint");
    const s = new CaseScenario(rules).log(
      { channel: "email", customer: { id: "c", name: "C" }, description: "Street light out" },
      "2026-06-01T09:00:00Z",
    );
    s.do({ type: "triage", outcome: "accept" }, "2026-06-01");
    s.do({ type: "acknowledge" }, "2026-06-02");
    s.do({ type: "respond", outcome: "not-upheld", reasons: "r" }, "2026-06-12");
    s.do({ type: "escalate" }, "2026-06-15");
    s.do({ type: "acknowledge" }, "2026-06-16");
    s.do({ type: "refer-back", reason: "More to do at Stage 1" }, "2026-06-18");
    expect(s.due("acknowledge", "stage-1").date >= "2026-06-18").toBe(true);
  });
});
