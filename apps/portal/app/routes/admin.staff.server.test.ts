/**
 * Role changes waiting for a second administrator (issue 20): how the staff pages name them and
 * read the Approve and Refuse buttons.
 */
import { describe, expect, it } from "vitest";
import { decisionFrom, describeRoleRequests } from "./admin.staff.server";

const form = (entries: Array<[string, string]>) => {
  const f = new FormData();
  for (const [k, v] of entries) f.append(k, v);
  return f;
};

describe("role changes waiting for approval", () => {
  const staff = [
    { id: "a-1", name: "Ada Admin" },
    { id: "a-2", name: "Bea Backup" },
  ];
  const request = { id: "r-1", staffId: "a-1", requestedBy: "a-1", roles: [{ role: "investigating-officer", directorateId: "d-1" }, { role: "administrator", directorateId: null }], requestedAt: "2026-12-07T10:00:00.000Z", mine: true };

  it("names who it is for, who asked and the roles asked for, and keeps whether it is the viewer's own", () => {
    expect(describeRoleRequests([request], staff, [{ id: "d-1", name: "Housing" }])).toEqual([
      { id: "r-1", staffId: "a-1", staffName: "Ada Admin", requestedByName: "Ada Admin", requestedAt: request.requestedAt, roles: ["Investigating officer (Housing)", "Administrator (council-wide)"], mine: true },
    ]);
    expect(describeRoleRequests([{ ...request, requestedBy: "gone" }], staff, [])[0]!.requestedByName).toBe("a member of staff no longer listed");
  });

  it("reads Approve and Refuse as the API's decisions, and nothing else", () => {
    expect(decisionFrom(form([["intent", "approve"], ["requestId", "r-1"]]))).toEqual({ requestId: "r-1", decision: "approved" });
    expect(decisionFrom(form([["intent", "refuse"], ["requestId", "r-1"]]))).toEqual({ requestId: "r-1", decision: "refused" });
    expect(decisionFrom(form([["intent", "approved"], ["requestId", "r-1"]]))).toBeNull();
    expect(decisionFrom(form([["intent", "approve"]]))).toBeNull();
  });
});
