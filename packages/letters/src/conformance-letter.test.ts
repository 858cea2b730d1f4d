/**
 * Issue 17: the conformance kit fails a plugin whose letters cannot be issued. The kit (core)
 * builds each acknowledgement and response of its walk with this package's `conformanceLetter`
 * and checks it against the plugin's resolved checklists (decision 0407).
 */
import {
  RuleBook,
  createServicePlugin,
  defaultProfile,
  nextBodyDetails,
  type ServicePlugin,
} from "@complaints/core";
import { nipsoServicePlugin } from "@complaints/plugin-nipso";
import { psowServicePlugin } from "@complaints/plugin-psow";
import { spsoServicePlugin } from "@complaints/plugin-spso";
import { conformanceProfile, conformanceProblems } from "@complaints/core/testing";
import { describe, expect, it } from "vitest";
import { REGIMES, REGIME_NAMES } from "../test/regimes.js";
import { conformanceLetter } from "./conformance-letter.js";
import type { LetterModel } from "./model.js";

const issuable = (plugin: ServicePlugin, log = {}) =>
  conformanceProblems(plugin, { issueLetter: conformanceLetter, log })
    .filter((p) => p.check === "letters-issuable")
    .map((p) => p.message);

const SPSO = {
  id: "spso",
  name: "Scottish Public Services Ombudsman",
  window: null,
  rule: "SPSO model CHP: after Stage 2, the SPSO",
};

describe("the kit builds and checks every stage letter of each seed plugin", () => {
  for (const name of REGIME_NAMES) {
    const { plugin, log } = REGIMES[name];
    if (!plugin) continue;
    // The member's reply goes to the member and names the constituent (the plugin's own conformance log).
    const walkLog = log.representative
      ? { ...log, representative: { ...log.representative, replyTo: "representative" as const } }
      : log;
    it(`${plugin.id}: every acknowledgement and response of the walk can be issued`, () => {
      expect(issuable(plugin, walkLog)).toEqual([]);
    });
  }
});

/** Every letter the kit's walk builds under a plugin, and the letters-issuable problems. */
function walkLetters(plugin: ServicePlugin, log = {}) {
  const built: LetterModel[] = [];
  const issueLetter: typeof conformanceLetter = (...args) => {
    const letter = conformanceLetter(...args);
    built.push(letter);
    return letter;
  };
  const problems = conformanceProblems(plugin, { issueLetter, log })
    .filter((p) => p.check === "letters-issuable")
    .map((p) => p.message);
  return { built, problems };
}

const letterText = (letter: LetterModel) =>
  letter.sections.flatMap((section) => section.paragraphs).join("\n");

describe("the three nations' letters are built, issuable and name their own Ombudsman (issue 17)", () => {
  const nations = [
    {
      plugin: spsoServicePlugin,
      body: "Scottish Public Services Ombudsman",
      procedure: /SPSO Local Authority Model Complaints Handling Procedure/,
    },
    {
      plugin: psowServicePlugin,
      body: "Public Services Ombudsman for Wales",
      procedure: /PSOW model complaints policy/,
    },
    {
      plugin: nipsoServicePlugin,
      body: "Northern Ireland Public Services Ombudsman",
      procedure: /NIPSO Local Government Model Complaints Handling Procedure/,
    },
  ];
  for (const { plugin, body, procedure } of nations) {
    it(`${plugin.id}: every acknowledgement and response of the walk can be issued; the final response names the ${body}, never the LGSCO`, () => {
      const { built, problems } = walkLetters(plugin, { matterArose: "2026-01-02" });
      expect(problems).toEqual([]);
      const finals = built.filter((letter) => letter.kind === "stage-2-response");
      expect(finals.length).toBeGreaterThan(0);
      for (const letter of finals) {
        const text = letterText(letter);
        expect(text).toContain(body);
        expect(text).not.toMatch(/Local Government and Social Care Ombudsman|Housing Ombudsman/);
      }
    });

    it(`${plugin.id}: its acknowledgement and stage responses cite its own procedure, never the English code or Leeds`, () => {
      const rules = new RuleBook(
        { ...conformanceProfile([plugin.id], "svc"), ombudsmen: defaultProfile.ombudsmen },
        [plugin],
      ).rulesFor("svc", "complaint");
      const kinds = [
        "acknowledgement",
        "escalation-acknowledgement",
        "extension-notice",
        "stage-1-response",
        "stage-2-response",
        "not-a-complaint",
        "excluded",
        "out-of-time",
      ];
      const cited = kinds.flatMap((kind) =>
        (rules.letters.content[kind] ?? []).map((item) => item.source),
      );
      expect(cited.length).toBeGreaterThan(kinds.length);
      expect(
        cited.filter((source) =>
          /Complaint handling code|LGSCO|Local Government and Social Care|Leeds|Southwark/i.test(
            source,
          ),
        ),
      ).toEqual([]);
      expect(
        rules.letters.content["stage-2-response"]!.filter(
          (item) => item.element === "ombudsman-details",
        ),
      ).toEqual([
        expect.objectContaining({
          source: expect.stringMatching(procedure),
          mentionsAnyOf: [body],
        }),
      ]);
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
        r.setLetterContent(
          "stage-2-response",
          [
            nextBodyDetails("copied from the LGSCO code", {
              name: "Local Government and Social Care Ombudsman",
            }),
          ],
          { rule: "copied" },
        );
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
