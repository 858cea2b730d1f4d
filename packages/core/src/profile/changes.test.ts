import { describe, expect, it } from "vitest";
import { RuleBook } from "../plugin/rule-book.js";
import { compareProfiles, rulesChangeFor } from "./changes.js";
import { defaultProfile } from "./default-profile.js";
import { parseCouncilProfile, type CouncilProfileInput } from "./schema.js";

const book = (change: (p: CouncilProfileInput) => CouncilProfileInput = (p) => p) =>
  new RuleBook(parseCouncilProfile(change(structuredClone(defaultProfile) as CouncilProfileInput)), []);

describe("comparing two profiles (issue 14: every change previews its effect)", () => {
  it("the same profile twice: nothing changes, no service's rules move", () => {
    expect(compareProfiles(book(), book())).toEqual({ changes: [], rules: [], removedServices: [] });
  });

  it("a corporate Stage 1 of 15 working days: the change in words, and every service's complaint rules with where the value comes from", () => {
    const after = book((p) => ({
      ...p,
      timescales: { kinds: ["complaint"], stages: { "stage-1": { respond: { period: { workingDays: 15 }, from: "receipt", rule: "Corporate policy para 16" } } } },
    }));
    const comparison = compareProfiles(book(), after);
    expect(comparison.changes).toEqual([
      { path: "timescales.kinds", what: "Corporate timescales: kinds", before: null, after: "complaint" },
      { path: "timescales.stage-1.respond", what: "Corporate timescales: stage-1.respond", before: null, after: "15 working days from receipt (Corporate policy para 16)" },
    ]);
    const waste = comparison.rules.find((r) => r.serviceId === "waste" && r.kind === "complaint")!;
    expect(waste.serviceName).toBe("Waste and Recycling");
    expect(waste.changes).toEqual([
      {
        rule: "stage-1.respond",
        before: expect.stringMatching(/^10 working days from the acknowledgement — core default/),
        after: '15 working days from receipt — council profile "default" (Corporate policy para 16)',
      },
    ]);
    expect(rulesChangeFor(comparison, "waste", "complaint")).toBe(true);
    // The timescale is for complaints only: compliments keep their rules.
    expect(rulesChangeFor(comparison, "waste", "compliment")).toBe(false);
  });

  it("a closure day is a change of every service's working days; a new name and prefix touch no rule", () => {
    const after = book((p) => ({ ...p, name: "Leafy Borough Council", referencePrefix: "LBC", calendar: { ...p.calendar, closures: [{ date: "2026-12-29", label: "Council closure" }, { everyYear: "12-24", label: "Christmas Eve" }] } }));
    const comparison = compareProfiles(book(), after);
    expect(comparison.changes).toEqual([
      { path: "name", what: "Council name", before: "Example Borough Council", after: "Leafy Borough Council" },
      { path: "referencePrefix", what: "Case reference prefix", before: "CMP", after: "LBC" },
      { path: "calendar.closures.2026-12-29", what: "Closure day", before: null, after: "Tue 29 Dec 2026 (Council closure)" },
      { path: "calendar.closures.every 12-24", what: "Closure day", before: null, after: "24 Dec every year (Christmas Eve)" },
    ]);
    const changed = new Set(comparison.rules.map((r) => r.serviceId));
    expect(changed).toEqual(new Set(["council-tax", "customer-services", "waste", "highways"]));
    expect(comparison.rules[0]!.changes).toEqual([{ rule: "closure days", before: "none", after: "Tue 29 Dec 2026 (Council closure), 24 Dec every year (Christmas Eve)" }]);
  });

  it("a service added, one renamed and moved, one retired, a team added: each named; only the moved service's rules are compared", () => {
    const after = book((p) => ({
      ...p,
      directorates: [
        { id: "corporate", name: "Corporate Services", services: [{ id: "council-tax", name: "Council Tax and Benefits", teams: [{ id: "billing", name: "Billing" }] }] },
        {
          id: "environment",
          name: "Environment",
          settings: { stages: { "stage-1": { acknowledge: { period: { workingDays: 3 }, from: "receipt", rule: "Environment charter" } } } },
          services: [
            { id: "waste", name: "Waste and Recycling" },
            { id: "highways", name: "Highways" },
            { id: "customer-services", name: "Customer Services" },
            { id: "parks", name: "Parks" },
          ],
        },
      ],
    }));
    const comparison = compareProfiles(book(), after);
    expect(comparison.changes.map((c) => [c.what, c.before, c.after])).toEqual([
      ['Directorate "Environment" (environment): settings: stage-1.acknowledge', null, "3 working days from receipt (Environment charter)"],
      ['Service "Council Tax and Benefits" (council-tax): name', "Council Tax", "Council Tax and Benefits"],
      ['Service "Council Tax and Benefits" (council-tax): team billing', null, "Billing"],
      ['Service "Customer Services" (customer-services): directorate', "corporate", "environment"],
      ['Service "Parks" (parks)', null, "Parks, in environment"],
    ]);
    expect(comparison.removedServices).toEqual([]);
    expect(new Set(comparison.rules.map((r) => r.serviceId))).toEqual(new Set(["customer-services", "waste", "highways"]));

    const retired = compareProfiles(after, book());
    expect(retired.removedServices).toEqual([{ serviceId: "parks", serviceName: "Parks" }]);
    expect(retired.changes).toContainEqual({ path: "services.parks", what: 'Service "Parks" (parks)', before: "Parks, in environment", after: null });
  });
});
