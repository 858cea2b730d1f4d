import { describe, expect, it } from "vitest";
import { accept, council, officer, runCase } from "../../../test/scenario.js";
import { fixedClock } from "../../clock.js";
import { createServicePlugin } from "../../plugin/types.js";
import { availableCommands } from "../available.js";
import { transition } from "../transition.js";
import { COMMAND_TYPES, COMMANDS } from "./index.js";

const received = "2026-03-02";
const rules = council().rulesFor("waste", "complaint");

describe("the command registry", () => {
  it("offers a new case's commands with triage first, in the registry's order", () => {
    expect(availableCommands(runCase(rules, received), rules)).toEqual(["triage", "record-contact", "notify", "withdraw", "recalculate-deadlines", "transfer", "recategorise", "edit-details"]);
  });

  it("a plugin's role requirement takes the command off the list of those without the role, at its stage only", () => {
    const directorReviews = createServicePlugin({
      id: "director-review",
      name: "Director review",
      version: "1.0.0",
      register(reg) {
        reg.requireRoles("respond", ["director"], { stageId: "stage-2", rule: "Leeds policy para 62: reviewed by a Director" });
      },
    });
    const withPlugin = council({ plugins: [directorReviews], enable: ["director-review"] }).rulesFor("waste", "complaint");
    const atStage1 = runCase(withPlugin, received, [[received, accept], ["2026-03-03", { type: "acknowledge" }]]);
    expect(availableCommands(atStage1, withPlugin, officer)).toContain("respond");
    const atStage2 = runCase(withPlugin, received, [
      [received, accept],
      ["2026-03-03", { type: "acknowledge" }],
      ["2026-03-10", { type: "respond", outcome: "not-upheld", reasons: "x" }],
      ["2026-03-11", { type: "escalate" }],
      ["2026-03-12", { type: "acknowledge" }],
    ]);
    expect(availableCommands(atStage2, withPlugin, officer)).not.toContain("respond");
    expect(availableCommands(atStage2, withPlugin, { id: "director-1", roles: ["director"] })).toContain("respond");
  });

  it("every command's payload takes the date it took effect, within the working-day calendar's range", () => {
    for (const type of COMMAND_TYPES) {
      const parsed = COMMANDS[type].payload.safeParse({ on: "1900-01-01" });
      expect(parsed.success, type).toBe(false);
      expect(parsed.error?.issues.some((i) => i.path.join(".") === "on" && i.message.includes("the working-day calendar's range")), type).toBe(true);
    }
  });

  it("a command the registry does not hold is refused, naming it", () => {
    const result = transition(runCase(rules, received), { type: "note", by: officer } as never, rules, fixedClock("2026-03-03T09:00:00Z"));
    expect(result).toEqual({ ok: false, refusal: { code: "INVALID_INPUT", message: 'There is no command "note"', rule: null } });
    const inherited = transition(runCase(rules, received), { type: "constructor", by: officer } as never, rules, fixedClock("2026-03-03T09:00:00Z"));
    expect(inherited.ok || inherited.refusal.code).toBe("INVALID_INPUT");
  });
});
