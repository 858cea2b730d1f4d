/**
 * Issue 17: the conformance kit fails a plugin whose letters cannot be issued. The kit (core)
 * builds each acknowledgement and response of its walk with this package's `conformanceLetter`
 * and checks it against the plugin's resolved checklists (decision 0407).
 */
import { createServicePlugin, nextBodyDetails, type ServicePlugin } from "@complaints/core";
import { conformanceProblems } from "@complaints/core/testing";
import { describe, expect, it } from "vitest";
import { REGIMES, REGIME_NAMES } from "../test/regimes.js";
import { conformanceLetter } from "./conformance-letter.js";

const issuable = (plugin: ServicePlugin, log = {}) =>
  conformanceProblems(plugin, { issueLetter: conformanceLetter, log })
    .filter((p) => p.check === "letters-issuable")
    .map((p) => p.message);

const SPSO = { id: "spso", name: "Scottish Public Services Ombudsman", window: null, rule: "SPSO model CHP: after Stage 2, the SPSO" };

describe("the kit builds and checks every stage letter of each seed plugin", () => {
  for (const name of REGIME_NAMES) {
    const { plugin, log } = REGIMES[name];
    if (!plugin) continue;
    // The member's reply goes to the member and names the constituent (the plugin's own conformance log).
    const walkLog = log.representative ? { ...log, representative: { ...log.representative, replyTo: "representative" as const } } : log;
    it(`${plugin.id}: every acknowledgement and response of the walk can be issued`, () => {
      expect(issuable(plugin, walkLog)).toEqual([]);
    });
  }
});

describe("a plugin whose letters cannot be issued fails", () => {
  it("SPSO next, but a Stage 2 checklist that still asks for the LGSCO (the issue's finding) fails, naming what is missing", () => {
    const spso = createServicePlugin({
      id: "spso-wrong-letters",
      name: "SPSO, letters copied from England",
      version: "1.0.0",
      register(r) {
        r.claimService();
        r.setNextBody(SPSO);
        r.setLetterContent("stage-2-response", [nextBodyDetails("copied from the LGSCO code", { name: "Local Government and Social Care Ombudsman" })], { rule: "copied" });
      },
    });
    expect(issuable(spso)).toEqual([
      "complaint, Stage 2: the Stage 2 response cannot be issued: it lacks how to contact the Local Government and Social Care Ombudsman and the right to go to them (copied from the LGSCO code)",
    ]);
  });

  it("SPSO next with core's checklists passes: the letter names the SPSO and is checked for the SPSO", () => {
    const spso = createServicePlugin({
      id: "spso-sample",
      name: "SPSO",
      version: "1.0.0",
      register(r) {
        r.claimService();
        r.setNextBody(SPSO);
      },
    });
    expect(issuable(spso)).toEqual([]);
  });
});
