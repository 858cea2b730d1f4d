/**
 * Which roles a person's single sign-on groups give (docs/decisions/0317-staff-import-and-sso-groups.md):
 * the roles the mapping can give follow the groups; the roles it cannot give are the
 * administrators' and are kept; only the central roles are council-wide (policy.ts).
 */
import { describe, expect, it } from "vitest";
import { defaultProfile } from "@complaints/core";
import { grantsForGroups, grantsInStep, groupMappingProblems, managedGrants, type GroupMapping } from "./sso-groups.js";

const IDS = new Map([
  ["corporate", "d-corporate"],
  ["environment", "d-environment"],
]);
const MAPPING: GroupMapping = [
  { group: "sg-waste", role: "investigating-officer", directorate: "environment" },
  { group: "sg-waste-leads", role: "investigating-officer", directorate: "environment" },
  { group: "sg-waste-leads", role: "dcro", directorate: "environment" },
  { group: "sg-legal", role: "legal" },
];

describe("single sign-on groups and roles", () => {
  it("gives each mapped group's roles once, matching group names exactly", () => {
    expect(grantsForGroups(MAPPING, ["sg-waste", "sg-waste-leads", "SG-LEGAL", "sg-everyone"], IDS)).toEqual([
      { role: "investigating-officer", directorateId: "d-environment" },
      { role: "dcro", directorateId: "d-environment" },
    ]);
  });

  it("knows every grant the mapping can give", () => {
    expect([...managedGrants(MAPPING, IDS)].sort()).toEqual(["dcro|d-environment", "investigating-officer|d-environment", "legal|"]);
  });

  it("puts the mapped roles in step with the groups and keeps the roles no group gives", () => {
    const current = [
      { role: "auditor" as const, directorateId: null },
      { role: "legal" as const, directorateId: null },
      { role: "investigating-officer" as const, directorateId: "d-corporate" },
    ];
    expect(grantsInStep(current, MAPPING, ["sg-waste"], IDS)).toEqual([
      { role: "auditor", directorateId: null },
      { role: "investigating-officer", directorateId: "d-corporate" },
      { role: "investigating-officer", directorateId: "d-environment" },
    ]);
    // Still in sg-legal: Legal stays (after the roles no group gives).
    expect(grantsInStep(current, MAPPING, ["sg-legal"], IDS)).toEqual([current[0], current[2], current[1]]);
  });

  it("ignores an entry whose directorate the council no longer has, rather than giving the role council-wide", () => {
    expect(grantsForGroups([{ group: "g", role: "dcro", directorate: "housing" }], ["g"], IDS)).toEqual([]);
  });

  it("names an entry that gives a directorate role council-wide", () => {
    const profile = { ...defaultProfile, singleSignOn: { groupRoles: [{ group: "sg-officers", role: "investigating-officer" as const }, { group: "sg-legal", role: "legal" as const }] } };
    expect(groupMappingProblems(profile)).toEqual([{ path: "singleSignOn.groupRoles.0.directorate", value: "missing", rule: 'Investigating officer is granted within a directorate: give the directorate of the group "sg-officers"' }]);
  });
});
