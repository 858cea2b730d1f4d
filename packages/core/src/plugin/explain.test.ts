import { describe, expect, it } from "vitest";
import { council } from "../../test/scenario.js";
import { describeRules, explainRules } from "./explain.js";
import { createServicePlugin } from "./types.js";

const housing = createServicePlugin({
  id: "housing",
  name: "Housing",
  version: "1.0.0",
  register(reg) {
    reg.claimService();
    reg.setTimescale("stage-1", "respond", { period: { workingDays: 10 }, from: "acknowledgement", rule: "Housing Ombudsman code 6.3" });
    reg.setStatutoryMaximum("stage-1", "respond", { workingDays: 10 }, "Housing Ombudsman code 6.3");
  },
});

describe("the resolved rules in words, stage by stage (the portal's rules page)", () => {
  const book = council({
    timescales: { stages: { "stage-1": { respond: { period: { workingDays: 15 }, from: "receipt", rule: "Leeds policy para 15" } } } },
    plugins: [housing],
    enable: ["housing"],
  });
  const rules = book.rulesFor("waste", "complaint");
  const words = describeRules(rules);

  it("says each stage's values with who set them, the rule, and what they overrode", () => {
    expect(words.stages.map((s) => s.label)).toEqual(["Stage 1", "Stage 2"]);
    const respond = words.stages[0]!.rules.find((r) => r.what === "Respond within")!;
    expect(respond).toEqual({
      path: "stage-1.respond",
      what: "Respond within",
      value: "10 working days from the acknowledgement",
      setBy: 'plugin "housing"',
      rule: "Housing Ombudsman code 6.3",
      overrides: [
        { setBy: 'council profile "test-council"', value: "15 working days from receipt" },
        { setBy: "core default", value: "10 working days from the acknowledgement" },
      ],
    });
    expect(words.plugins).toEqual(["housing"]);
    expect(words.constraints).toContain('Stage 1 response: at most 10 working days by law — plugin "housing" (Housing Ombudsman code 6.3)');
  });

  it("never shows a value as JSON, and shows the same values as the line-by-line explanation", () => {
    const all = [...words.stages.flatMap((s) => s.rules), ...words.general];
    for (const r of all) expect(r.value, r.path).not.toMatch(/[{}]/);
    const lines = explainRules(rules);
    for (const r of all) expect(lines.some((l) => l.startsWith(`${r.path}: `)), r.path).toBe(true);
  });

  it("says stages and nations by their names, not their ids", () => {
    const escalation = words.stages[0]!.rules.find((r) => r.what === "Escalation")!;
    expect(escalation.value).toMatch(/^to Stage 2/);
    expect(words.general.find((r) => r.what === "Bank holidays of")?.value).toBe("England and Wales");
    expect(words.general.some((r) => r.path === "identity")).toBe(false);
  });

  it("a skipped stage is listed with who skipped it and why", () => {
    const skipped = describeRules(council({ timescales: { skipStages: [{ stage: "stage-1", reason: "Leeds policy para 58: FOI complaints go straight to review" }] } }).rulesFor("waste", "complaint"));
    expect(skipped.stages.find((s) => s.id === "stage-1")?.skipped).toEqual({ setBy: 'council profile "test-council"', rule: "Leeds policy para 58: FOI complaints go straight to review" });
  });
});
