/**
 * The council profile's single sign-on groups (issue 14, docs/decisions/0317-staff-import-and-sso-groups.md):
 * optional, so every profile written before them still reads; each group gives a staff role, in
 * a directorate of the same profile or council-wide.
 */
import { describe, expect, it } from "vitest";
import { defaultProfile } from "./default-profile.js";
import { ProfileValidationError, parseCouncilProfile } from "./schema.js";

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
    const attempt = () =>
      parseCouncilProfile({
        ...defaultProfile,
        singleSignOn: { groupRoles: [{ group: "a", role: "dcro", directorate: "finance" }, { group: "b", role: "system" }, { group: " ", role: "legal" }] },
      });
    expect(attempt).toThrow(ProfileValidationError);
    try {
      attempt();
    } catch (error) {
      const issues = (error as ProfileValidationError).issues;
      expect(issues).toEqual(
        expect.arrayContaining([expect.stringMatching(/^singleSignOn\.groupRoles\.1\.role: /), expect.stringMatching(/^singleSignOn\.groupRoles\.2\.group: /)]),
      );
    }
    // The directorate is checked once the entries themselves are valid.
    expect(() => parseCouncilProfile({ ...defaultProfile, singleSignOn: { groupRoles: [{ group: "a", role: "dcro", directorate: "finance" }] } })).toThrow(
      /singleSignOn\.groupRoles\.0\.directorate: there is no directorate "finance" in this profile/,
    );
  });
});
