import { describe, expect, it } from "vitest";
import { LETTER_KINDS } from "@complaints/core";
import { en } from "../i18n/en";
import { translator } from "../i18n";
import { dueWords, letterName, progressWords, stageName, whyNot } from "./public-case";

// Issue 15 ("Welsh"), decision 0517: the tracking and escalation pages word the API's codes
// themselves, so a Welsh page has no English from the API in it.
const cy = translator("cy");
const english = translator("en");
const stage2 = { label: "Stage 2", number: 2 };
const council = { name: "Exampleton", phone: "01632 960000", email: "complaints@exampleton.gov.uk", website: "www.exampleton.gov.uk", referencePrefix: "EXB", welsh: true };

describe("a case in the resident's language", () => {
  it("names a stage by the council's label in English and by its place in Welsh", () => {
    expect(stageName("en", english, stage2)).toBe("Stage 2");
    expect(stageName("cy", cy, stage2)).toBe("Cam 2");
    expect(stageName("cy", cy, null)).toBe("y cam nesaf");
  });

  it("words every letter kind core has, in both languages", () => {
    for (const kind of LETTER_KINDS) expect(`letter.${kind}` in en, kind).toBe(true);
    expect(letterName(cy, "stage-1-response")).toBe("Ymateb Cam 1");
    expect(letterName(cy, "a-kind-added-later")).toBe("Llythyr");
  });

  it("says the dates as the receipt does in English, with the stage, and in Welsh", () => {
    const d = { kind: "respond", stage: stage2, what: "We will send you our Stage 2 response by" };
    expect(dueWords("en", english, d)).toBe(d.what);
    expect(dueWords("cy", cy, d)).toBe("Byddwn yn anfon ein hymateb (Cam 2) atoch erbyn");
    expect(dueWords("cy", cy, { kind: "escalation-window", stage: stage2, what: "You can ask for the next stage until" })).toBe("Gallwch ofyn am y cam nesaf tan");
  });

  it("says where the case is from the API's progress code", () => {
    expect(progressWords("en", english, { is: "investigating", closure: null, stage: { label: "Stage 1", number: 1 } })).toBe("Stage 1: we are looking into your complaint");
    expect(progressWords("cy", cy, { is: "investigating", closure: null, stage: { label: "Stage 1", number: 1 } })).toBe("Cam 1: rydym yn ymchwilio i'ch cwyn");
    expect(progressWords("cy", cy, { is: "closed", closure: "final-response", stage: null })).toBe("Ar gau: rydym wedi anfon ein hymateb terfynol");
    expect(progressWords("cy", cy, { is: "closed", closure: "a-reason-added-later", stage: null })).toBe("Ar gau");
  });

  it("says why the next stage cannot be asked for yet, with the dates in the page's language", () => {
    const notYet = { possible: false as const, why: "", code: "NOT_ALLOWED_NOW", rule: null, lateRequest: null, to: stage2, because: { is: "not-yet" as const, stage: { label: "Stage 1", number: 1 }, respondBy: "2026-03-23" } };
    expect(whyNot("en", english, notYet, council)).toBe("You can ask for Stage 2 after we have sent our Stage 1 response (due by 23 March 2026).");
    expect(whyNot("cy", cy, notYet, council)).toBe("Gallwch ofyn am y cam nesaf (Cam 2) ar ôl i ni anfon ein hymateb (Cam 1), sy'n ddyledus erbyn 23 Mawrth 2026.");
    const final = { ...notYet, code: "NO_NEXT_STAGE", because: { is: "final-stage" as const, stage: stage2, body: "Local Government and Social Care Ombudsman", website: "www.lgo.org.uk", until: null } };
    expect(whyNot("en", english, final, council)).toBe("Stage 2 was our final response. If you are still unhappy, you can ask the Local Government and Social Care Ombudsman to look at your complaint. Visit www.lgo.org.uk.");
  });
});
