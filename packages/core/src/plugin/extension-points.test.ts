/**
 * Issue 17, extension points beyond rules: letter checklists and role grants registered by a
 * plugin like its rules, resolved per service and kind, and refused at start-up where they
 * cannot work (decision 0407; docs/plugins.md "Letters, reports and roles").
 */
import { describe, expect, it } from "vitest";
import { RuleBook, RuleConfigurationError } from "./rule-book.js";
import { createServicePlugin, type ServicePlugin } from "./types.js";
import { grantedRolesFor, unmetRoleRequirement } from "../lifecycle/commands/shared.js";
import { conformanceProfile } from "../testing/conformance.js";
import { nextBodyDetails } from "./letter-content.js";

const plugin = (id: string, register: ServicePlugin["register"]) => createServicePlugin({ id, name: id, version: "1.0.0", register });
const rulesOf = (...plugins: ServicePlugin[]) => new RuleBook(conformanceProfile(plugins.map((p) => p.id), "svc"), plugins).rulesFor("svc", "complaint");
const SPSO = { id: "spso", name: "Scottish Public Services Ombudsman", window: { period: { calendarMonths: 12 }, from: "final-response" as never, rule: "SPSO Act 2002 s10(1)" }, rule: "SPSO model CHP: the SPSO after Stage 2" };

describe("letter checklists follow the resolved next body", () => {
  it("core's defaults name the LGSCO (Leeds policy 23); with the SPSO next, the same checklist asks for the SPSO", () => {
    const lgsco = rulesOf().letters.content["stage-2-response"]!.at(-1)!;
    expect(lgsco).toMatchObject({ element: "ombudsman-details", mentionsAnyOf: ["Local Government and Social Care Ombudsman"], source: "Leeds policy 23: the final response gives the Ombudsman's contact details" });
    const spso = rulesOf(plugin("scot", (r) => r.setNextBody(SPSO))).letters.content["stage-2-response"]!.at(-1)!;
    expect(spso).toMatchObject({ description: "how to contact the Scottish Public Services Ombudsman and the right to go to them", mentionsAnyOf: ["Scottish Public Services Ombudsman"] });
  });

  it("a stage's own checklist wins over the kind's, and '{next body window}' is the body's time limit", () => {
    const rules = rulesOf(
      plugin("scot", (r) => {
        r.setNextBody(SPSO);
        r.setLetterContent("extension-notice", [nextBodyDetails("SPSO model CHP 4.4"), { element: "new-due-date", description: "the new date, within {next body window}", source: "SPSO model CHP 4.4" }], { stageId: "stage-2", rule: "SPSO model CHP 4.4" });
      }),
    );
    expect(rules.letters.content["extension-notice@stage-2"]?.map((r) => r.description)).toEqual([
      "how to contact the Scottish Public Services Ombudsman and the right to go to them",
      "the new date, within 12 calendar months",
    ]);
    expect(rules.letters.content["extension-notice"]?.map((r) => r.element)).toEqual(["extension-reasons", "new-due-date", "ombudsman-details"]);
  });

  it("refuses at start-up a checklist for a letter kind nobody added, or a stage the regime lacks", () => {
    const bad = plugin("bad", (r) => {
      r.setLetterContent("bad.notice", [], { rule: "x" });
      r.setLetterContent("stage-1-response", [], { stageId: "stage-9", rule: "x" });
    });
    expect(() => rulesOf(bad)).toThrow(RuleConfigurationError);
    expect(() => rulesOf(bad)).toThrow(/letter kind "bad.notice", which is neither core's nor added by a plugin here.*stage "stage-9", which the regime does not have/s);
    const good = plugin("good", (r) => {
      r.addLetterKind({ id: "good.notice", label: "Notice", rule: "x" });
      r.setLetterContent("good.notice", [{ element: "reasons", description: "why", source: "x" }], { rule: "x" });
    });
    expect(rulesOf(good).letters.kinds).toEqual([{ id: "good.notice", label: "Notice", rule: "x", plugin: "good" }]);
  });
});

describe("role grants widen who may perform a command, within limits", () => {
  const grant = plugin("grant", (r) => r.allowRoles("extend", ["head-of-service"], { stageId: "stage-1", rule: "Test 4.2" }));

  it("a granted role is listed for the command at its stage only", () => {
    const rules = rulesOf(grant);
    expect(grantedRolesFor(rules, "extend", "stage-1")).toEqual(["head-of-service"]);
    expect(grantedRolesFor(rules, "extend", "stage-2")).toEqual([]);
    expect(grantedRolesFor(rules, "respond", "stage-1")).toEqual([]);
  });

  it("a grant meets another plugin's requirement for the same command (the plugins' word on who may)", () => {
    const narrow = plugin("narrow", (r) => r.requireRoles("extend", ["director"], { rule: "Test 5.1" }));
    const rules = rulesOf(narrow, grant);
    expect(unmetRoleRequirement(rules, "extend", "stage-1", ["head-of-service"])).toBeUndefined();
    expect(unmetRoleRequirement(rules, "extend", "stage-1", ["dcro"])?.rule).toBe("Test 5.1");
  });

  it("never grants a role that does no casework: start-up stops naming the plugin", () => {
    const auditor = plugin("auditor-grant", (r) => r.allowRoles("respond", ["auditor"], { rule: "Test" }));
    expect(() => rulesOf(auditor)).toThrow(/Plugin "auditor-grant" grants auditor the command "respond", but those roles never do casework/);
  });
});
