/**
 * The audit log page's words (issue 20, findings 4 and 11): each way the verifier says a chain
 * is broken, each administrator action, and how far the administration log pages.
 */
import { describe, expect, it } from "vitest";
import { describeAdminEvent, describeProblem, describeStream, eventLimit, nextLimit, PROBLEMS, whoDid } from "./audit-log.server";

const DIRECTORATES = [{ id: "d-1", name: "Corporate Services" }];
const event = (type: string, details: Record<string, unknown>, staffName: string | null = "Ivy Ingram") => ({ seq: 1, type, at: "2026-12-07T10:00:00.000Z", actorName: "Ada Admin", staffName, details });

describe("the verification result, in plain words", () => {
  it("words every problem the verifier reports (packages/db ChainProblem), and still says something of a new one", () => {
    for (const problem of ["content-altered", "broken-link", "missing-event", "missing-tail", "unkeyed-after-keyed", "head-mismatch", "missing-head"]) {
      expect(PROBLEMS[problem], problem).toMatch(/^[A-Z].*\.$/);
    }
    expect(describeProblem("missing-tail")).toBe("The latest events were removed from the end of the record.");
    expect(describeProblem("something-new")).toBe("The record does not verify (something-new).");
  });

  it("names the record each broken stream is", () => {
    expect(describeStream("case:5b1e")).toEqual({ what: "A case's history", id: "5b1e" });
    expect(describeStream("conduct:c-9")).toEqual({ what: "A customer's conduct record", id: "c-9" });
    expect(describeStream("admin:council-1")).toEqual({ what: "The administration log", id: null });
    expect(describeStream("legacy-seal").what).toMatch(/before the audit key/);
  });
});

describe("what administrators did, in plain words", () => {
  it("says whose roles changed and to what, with each directorate's name", () => {
    expect(describeAdminEvent(event("roles-changed", { staffId: "s-1", roles: [{ role: "investigating-officer", directorateId: "d-1" }, { role: "administrator", directorateId: null }] }), DIRECTORATES)).toEqual({
      action: "Changed the roles of Ivy Ingram",
      details: ["Role: Investigating officer (Corporate Services)", "Role: Administrator (council-wide)"],
    });
  });

  it("tells a role asked for apart from one approved or refused by a second administrator", () => {
    const roles = [{ role: "auditor", directorateId: null }];
    expect(describeAdminEvent(event("roles-requested", { roles }, "Ada Admin"), DIRECTORATES).action).toBe("Asked for roles for Ada Admin, to be approved by another administrator");
    expect(describeAdminEvent(event("roles-approved", { roles }, "Ada Admin"), DIRECTORATES).action).toBe("Approved the roles asked for Ada Admin");
    expect(describeAdminEvent(event("roles-refused", { roles }, "Ada Admin"), DIRECTORATES).action).toBe("Refused the roles asked for Ada Admin");
  });

  it("words accounts, passwords, settings and API keys, never showing a secret", () => {
    expect(describeAdminEvent(event("staff-updated", { staffId: "s-1", active: false }), DIRECTORATES)).toEqual({ action: "Changed the account of Ivy Ingram", details: ["Deactivated the account"] });
    expect(describeAdminEvent(event("password-reset", { staffId: "s-1", email: "ivy@x" }), DIRECTORATES)).toEqual({ action: "Reset the password of Ivy Ingram", details: ["Their sessions ended"] });
    expect(describeAdminEvent(event("profile-saved", { reason: "New bank holiday", recalculate: true }, null), DIRECTORATES).details).toEqual(["Reason: New bank holiday"]);
    expect(describeAdminEvent(event("api-key-created", { keyId: "k", name: "Website", prefix: "cmk_ab", scopes: ["cases:log"], expiresOn: null }, null), DIRECTORATES)).toEqual({
      action: "Created the API key “Website”",
      details: ["May: cases:log", "Does not expire"],
    });
    expect(describeAdminEvent(event("staff-created", { name: "Robin", email: "r@x", roles: [], withPassword: true }, null), DIRECTORATES).details).toEqual(["Email: r@x", "No roles", "With a first password"]);
  });

  it("says when a change came from a spreadsheet import or from single sign-on groups, and that single sign-on made it (decision 0317)", () => {
    const roles = [{ role: "legal", directorateId: null }];
    expect(describeAdminEvent(event("staff-created", { name: "Nia", email: "n@x", roles, withPassword: false, source: "import" }, null), DIRECTORATES).details).toEqual([
      "Email: n@x",
      "Role: Legal services (council-wide)",
      "Single sign-on only",
      "From a spreadsheet import",
    ]);
    const bySso = { ...event("roles-changed", { staffId: "s-1", roles, source: "single-sign-on", groups: ["sg-legal"] }), actorName: null };
    expect(describeAdminEvent(bySso, DIRECTORATES).details).toEqual(["Role: Legal services (council-wide)", "From single sign-on groups: sg-legal"]);
    expect(whoDid(bySso)).toBe("Single sign-on, from the council's groups");
    expect(whoDid({ ...event("roles-changed", { roles }), actorName: null })).toBe("Someone no longer on the staff list");
  });

  it("names someone no longer listed instead of showing an id, and an unknown action by its type", () => {
    expect(describeAdminEvent(event("account-unlocked", { staffId: "gone" }, null), DIRECTORATES).action).toBe("Unlocked the account of a member of staff no longer listed");
    expect(describeAdminEvent(event("plugin-frobbed", {}), DIRECTORATES).action).toBe("Plugin frobbed");
  });
});

describe("how much of the administration log a page shows", () => {
  it("takes only the lengths offered (the API answers at most 500), else the first", () => {
    expect(eventLimit(null)).toBe(50);
    expect(eventLimit("200")).toBe(200);
    expect(eventLimit("501")).toBe(50);
    expect(eventLimit("-1")).toBe(50);
  });

  it("offers a longer page only when this one is full and shorter than 500", () => {
    expect(nextLimit(50, 50)).toBe(200);
    expect(nextLimit(200, 200)).toBe(500);
    expect(nextLimit(50, 12)).toBeNull();
    expect(nextLimit(500, 500)).toBeNull();
  });
});
