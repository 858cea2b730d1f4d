import { describe, expect, it } from "vitest";
import { defaultProfile } from "./default-profile.js";
import { ProfileValidationError, parseCouncilProfile, type CouncilProfileInput } from "./schema.js";

function problems(input: unknown) {
  try {
    parseCouncilProfile(input);
  } catch (error) {
    if (error instanceof ProfileValidationError) return error.problems;
    throw error;
  }
  throw new Error("accepted");
}

describe("a profile that is not valid names every problem: path, the value found there, the rule (issue 14)", () => {
  it("each field at fault, a field left out as required, each unknown field on its own", () => {
    const { letterhead: _letterhead, ...rest } = structuredClone(defaultProfile);
    const input = {
      ...rest,
      referencePrefix: "ex",
      calendar: { ...rest.calendar, cutOffTime: "5pm", colour: "green" },
      timescales: { stages: { "stage-1": { respond: { period: { workingDays: "ten" }, from: "receipt", rule: "Policy para 1" } } } },
    };
    expect(problems(input)).toEqual([
      { path: "calendar.cutOffTime", value: '"5pm"', rule: "HH:MM, 24-hour" },
      { path: "calendar.colour", value: '"green"', rule: "not a field of a council profile (check its spelling)" },
      { path: "timescales.stages.stage-1.respond.period", value: '{"workingDays":"ten"}', rule: expect.stringMatching(/^a period is one of workingDays, calendarDays or calendarMonths/) },
      { path: "letterhead", value: "missing", rule: "required (object)" },
      { path: "referencePrefix", value: '"ex"', rule: "2 to 6 capital letters, like LCC" },
    ]);
    expect(() => parseCouncilProfile(input)).toThrow('The profile "default" is not valid: calendar.cutOffTime: HH:MM, 24-hour (found "5pm"); calendar.colour:');
  });
});

/**
 * The public-information fields of a council profile (decision 0515): optional, with the
 * defaults the pages need, so a profile written before them still parses.
 */
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
    const found = problems(bad);
    expect(found).toContainEqual({ path: "publicInformation.accessibility.preparedOn", value: '"1 Sept 2026"', rule: "a date as YYYY-MM-DD" });
    expect([...new Set(found.map((p) => p.path))]).toEqual([
      "publicInformation.accessibility.preparedOn",
      "publicInformation.accessibility.compliance",
      "publicInformation.privacy.icoRegistration",
      "publicInformation.privacy.retentionYearsAfterClosure",
    ]);
  });
});

/**
 * The council profile's single sign-on groups (docs/decisions/0317-staff-import-and-sso-groups.md):
 * optional, so every profile written before them still reads; each group gives a staff role, in
 * a directorate of the same profile or council-wide.
 */
describe("a profile's single sign-on groups", () => {
  it("are optional: a profile without them is unchanged", () => {
    expect(defaultProfile.singleSignOn).toBeUndefined();
  });

  it("map a group to a staff role in one of the profile's directorates, or council-wide, with whom to contact", () => {
    const profile = parseCouncilProfile({
      ...defaultProfile,
      singleSignOn: { groupRoles: [{ group: "sg-waste-officers", role: "investigating-officer", directorate: "environment" }, { group: " sg-legal ", role: "legal" }], contact: "the ICT service desk" },
    });
    expect(profile.singleSignOn).toEqual({
      groupRoles: [
        { group: "sg-waste-officers", role: "investigating-officer", directorate: "environment" },
        { group: "sg-legal", role: "legal" },
      ],
      contact: "the ICT service desk",
    });
  });

  it("refuse a directorate the profile does not have, a role that is not a staff role, and an empty group, each by its path", () => {
    const input = { ...defaultProfile, singleSignOn: { groupRoles: [{ group: "a", role: "dcro", directorate: "finance" }, { group: "b", role: "system" }, { group: " ", role: "legal" }] } };
    expect(() => parseCouncilProfile(input)).toThrow(ProfileValidationError);
    expect(problems(input).map((p) => p.path)).toEqual(expect.arrayContaining(["singleSignOn.groupRoles.1.role", "singleSignOn.groupRoles.2.group"]));
    // The directorate is checked once the entries themselves are valid.
    expect(() => parseCouncilProfile({ ...defaultProfile, singleSignOn: { groupRoles: [{ group: "a", role: "dcro", directorate: "finance" }] } })).toThrow(
      /singleSignOn\.groupRoles\.0\.directorate: there is no directorate "finance" in this profile/,
    );
  });
});
