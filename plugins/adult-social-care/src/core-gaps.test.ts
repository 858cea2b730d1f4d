import { RuleBook, parseCouncilProfile } from "@complaints/core";
import { conformanceProfile } from "@complaints/core/testing";
import { describe, expect, it } from "vitest";
import { adultSocialCareServicePlugin } from "./plugin.js";

/**
 * What the adult social care plugin needs from core and cannot have yet. This test fails on
 * purpose until core provides it; see docs/decisions/0401-plugins-service-regimes.md.
 */
describe("core gaps seen from the adult-social-care plugin", () => {
  it("SI 2009/309 reg 14: a council's shorter default period in working days (65 WD, about 3 months) is within the 6-month maximum", () => {
    // Core gap (bug): checkMaxima (plugin/rule-book.ts) treats any value in another unit as
    // above the maximum (`value.unit !== limit.unit || …`), so 65 working days is reported as
    // "above the statutory maximum of 6 calendar months". It should compare the latest date
    // each period can give (e.g. 65 WD ≤ 6 months for every start date) or refuse only units
    // it cannot compare, with a message that says so.
    const base = conformanceProfile(["adult-social-care"], "adult-social-care");
    const profile = parseCouncilProfile({
      ...base,
      directorates: [
        {
          ...base.directorates[0]!,
          services: [
            {
              ...base.directorates[0]!.services[0]!,
              settings: { stages: { "stage-1": { respond: { period: { workingDays: 65 }, from: "receipt", rule: "Council standard: 65 working days unless agreed" } } } },
            },
          ],
        },
      ],
    });
    expect(() => new RuleBook(profile, [adultSocialCareServicePlugin])).not.toThrow();
  });
});
