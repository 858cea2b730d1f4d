/**
 * The public-information fields of a council profile (issue 14, decision 0515): optional, with
 * the defaults the pages need, so a profile written before them still parses; a wrong value is
 * named with its path, as every profile problem is.
 */
import { describe, expect, it } from "vitest";
import { defaultProfile } from "./default-profile.js";
import { ProfileValidationError, parseCouncilProfile, type CouncilProfileInput } from "./schema.js";

const { publicInformation: _added, ...before } = defaultProfile;
const older = before as CouncilProfileInput;

describe("publicInformation in a council profile", () => {
  it("is filled with defaults for a profile that has none: partly compliant, the usual formats, six years' retention", () => {
    expect(parseCouncilProfile(older).publicInformation).toEqual({
      accessibility: { compliance: "partial", knownIssues: [], otherFormats: ["large print", "easy read", "audio recording", "braille", "another language"] },
      privacy: { retentionYearsAfterClosure: 6 },
    });
  });

  it("keeps what a council sets, filling only what it leaves out", () => {
    const parsed = parseCouncilProfile({ ...older, publicInformation: { accessibility: { lastTestedOn: "2026-08-15", compliance: "full" } } });
    expect(parsed.publicInformation.accessibility).toMatchObject({ lastTestedOn: "2026-08-15", compliance: "full", knownIssues: [] });
    expect(parsed.publicInformation.privacy.retentionYearsAfterClosure).toBe(6);
  });

  it("names every wrong value with its path", () => {
    const bad = { ...older, publicInformation: { accessibility: { preparedOn: "1 Sept 2026", compliance: "mostly" }, privacy: { retentionYearsAfterClosure: 0, icoRegistration: "Z12" } } };
    let error: ProfileValidationError | undefined;
    try {
      parseCouncilProfile(bad);
    } catch (e) {
      error = e as ProfileValidationError;
    }
    expect(error).toBeInstanceOf(ProfileValidationError);
    expect(error!.issues).toContain("publicInformation.accessibility.preparedOn: a date as YYYY-MM-DD");
    expect([...new Set(error!.issues.map((i) => i.split(":")[0]))]).toEqual([
      "publicInformation.accessibility.preparedOn",
      "publicInformation.accessibility.compliance",
      "publicInformation.privacy.icoRegistration",
      "publicInformation.privacy.retentionYearsAfterClosure",
    ]);
  });
});
