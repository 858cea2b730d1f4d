/**
 * Issue 14: "update --profile <file> --dry-run (what would change, and how many open cases'
 * due dates would move) — an update recomputes only the cases whose rules changed, with an
 * audit event each"; and "the reference prefix stayed EXB" after a profile update.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CouncilProfile } from "@complaints/core";
import { adminLog, organisationRepository } from "@complaints/db";
import { openHarness, type Harness } from "../../test/harness.js";
import { refusal } from "../../test/refusal.js";
import { createContextInner } from "../context.js";
import { applyProfileChange, previewProfileChange } from "./profile-changes.js";

describe("changing a council's profile: preview, then apply", () => {
  let h: Harness;
  let profile: CouncilProfile;
  const cases: Record<string, { caseId: string; reference: string }> = {};

  beforeAll(async () => {
    h = await openHarness({ start: "2026-03-02T09:00:00Z" });
    const cso = await h.as("customer-services");
    const dcro = await h.as("dcro");
    for (const serviceId of ["customer-services", "council-tax"]) {
      const logged = await cso.cases.log({ kind: "complaint", channel: "phone", serviceId, description: `About ${serviceId}`, customer: { fullName: "Pat Resident" } });
      await dcro.command.triage({ caseId: logged.caseId, expectedVersion: 1, outcome: "accept" });
      cases[serviceId] = { caseId: logged.caseId, reference: (await dcro.cases.get({ caseId: logged.caseId })).reference };
    }
    // A Customer Services compliment: its rules do not change below (the new timescale is for complaints).
    const compliment = await cso.cases.log({ kind: "compliment", channel: "phone", serviceId: "customer-services", description: "Thanks", customer: { fullName: "Chris Kind" } });
    cases["compliment"] = { caseId: compliment.caseId, reference: "" };
    profile = (await (await h.as("administrator")).admin.profile.get()).profile;
  });
  afterAll(() => h?.close());

  /** Customer Services answers Stage 1 complaints in 20 working days from receipt; a new name and prefix. */
  const changed = () => ({
    ...profile,
    name: "Leafy Borough Council",
    referencePrefix: "LBC",
    directorates: profile.directorates.map((d) => ({
      ...d,
      services: d.services.map((s) =>
        s.id === "customer-services"
          ? { ...s, settings: { kinds: ["complaint" as const], stages: { "stage-1": { respond: { period: { workingDays: 20 }, from: "receipt" as const, rule: "Customer charter 2026" } } } } }
          : s,
      ),
    })),
  });

  const versions = async () => {
    const dcro = await h.as("dcro");
    return Object.fromEntries(await Promise.all(Object.entries(cases).map(async ([k, c]) => [k, (await dcro.cases.get({ caseId: c.caseId })).version])));
  };

  it("the preview names each change in words, the services whose rules change, and the open cases whose dates move; it writes nothing", async () => {
    const before = await versions();
    const council = await organisationRepository.getCouncil(h.db.db, h.council.councilId);
    const preview = await (await h.as("administrator")).admin.profile.preview({ profile: changed() });

    expect(preview.changes).toEqual([
      { path: "name", what: "Council name", before: "Exampleton Borough Council", after: "Leafy Borough Council" },
      { path: "referencePrefix", what: "Case reference prefix", before: "EXB", after: "LBC" },
      { path: "services.customer-services.settings.kinds", what: 'Service "Customer Services" (customer-services): settings: kinds', before: null, after: "complaint" },
      {
        path: "services.customer-services.settings.stage-1.respond",
        what: 'Service "Customer Services" (customer-services): settings: stage-1.respond',
        before: null,
        after: "20 working days from receipt (Customer charter 2026)",
      },
    ]);
    expect(preview.services).toEqual([
      {
        serviceId: "customer-services",
        serviceName: "Customer Services",
        kinds: ["complaint"],
        changes: [{ rule: "stage-1.respond", before: expect.stringMatching(/^10 working days from the acknowledgement — core default/), after: '20 working days from receipt — service setting "customer-services" (Customer charter 2026)' }],
      },
    ]);
    expect(preview.openCases).toEqual({ total: 3, underChangedRules: 1, datesMove: 1 });
    expect(preview.moves).toEqual([{ caseId: cases["customer-services"]!.caseId, reference: cases["customer-services"]!.reference, changes: [{ id: "stage-1#1.respond", from: expect.any(String), to: expect.any(String) }] }]);
    expect(preview.blockers).toEqual([]);

    expect(await versions()).toEqual(before);
    expect(await organisationRepository.getCouncil(h.db.db, h.council.councilId)).toEqual(council);
  });

  it("applying recalculates only the cases whose rules changed, one event each; the name and reference prefix follow the profile", async () => {
    const before = await versions();
    const preview = await previewProfileChange(createContextInner({ deps: h.deps }), h.council.councilId, { profile: changed() });
    const admin = await h.as("administrator");
    const result = await admin.admin.profile.update({ profile: changed(), reason: "Customer charter 2026" });
    expect(result).toMatchObject({ saved: true, recalculated: { cases: 1, changed: 1 } });

    const after = await versions();
    expect(after).toEqual({ ...before, "customer-services": before["customer-services"]! + 1 });
    const dcro = await h.as("dcro");
    const changedCase = await dcro.cases.get({ caseId: cases["customer-services"]!.caseId });
    expect(changedCase.timeline.at(-1)).toMatchObject({ type: "recalculate-deadlines", actor: { type: "system" } });
    expect(changedCase.dueDates.find((d) => d.id === "stage-1#1.respond")!.date).toBe(preview.moves[0]!.changes[0]!.to);

    const council = await organisationRepository.getCouncil(h.db.db, h.council.councilId);
    expect(council).toMatchObject({ name: "Leafy Borough Council", referencePrefix: "LBC" });
    const logged = await (await h.as("customer-services")).cases.log({ kind: "complaint", channel: "phone", serviceId: "council-tax", description: "Pothole", customer: { fullName: "Sam Road" } });
    expect((await dcro.cases.get({ caseId: logged.caseId })).reference).toMatch(/^LBC-2026-/);

    const events = await adminLog.list(h.db.db, h.council.councilId);
    expect(events.at(-1)).toMatchObject({ type: "profile-saved", payload: { reason: "Customer charter 2026", services: ["customer-services"] } });
  });

  it("the same profile again: no change reported, nothing written", async () => {
    const current = (await (await h.as("administrator")).admin.profile.get()).profile;
    const before = await versions();
    const result = await applyProfileChange(createContextInner({ deps: h.deps }), { kind: "system", id: "cli:test", name: "council command (test)" }, h.council.councilId, { profile: current }, "Round trip");
    expect(result).toMatchObject({ saved: false, changes: [], services: [], recalculated: null });
    expect(await versions()).toEqual(before);
  });

  it("refuses to retire a service that still has open cases, and a profile with several mistakes names them all", async () => {
    const admin = await h.as("administrator");
    const current = (await admin.admin.profile.get()).profile;
    const withoutService = { ...current, directorates: current.directorates.map((d) => ({ ...d, services: d.services.filter((s) => s.id !== "customer-services") })) };
    const retired = await refusal(admin.admin.profile.update({ profile: withoutService, reason: "Service merged" }));
    expect(retired.client.message).toMatch(/Service "Customer Services" \(customer-services\) has 2 open cases: keep the service until they are closed/);
    expect((await admin.admin.profile.preview({ profile: withoutService })).blockers).toHaveLength(1);

    const broken = {
      ...current,
      referencePrefix: "leafy",
      calendar: { ...current.calendar, cutOffTime: "5pm" },
      directorates: current.directorates.map((d, i) => (i === 0 ? { ...d, colour: "green" } : d)),
    };
    const refused = await refusal(admin.admin.profile.preview({ profile: broken }));
    expect(refused.code).toBe("BAD_REQUEST");
    expect(refused.client.message).toContain('referencePrefix: 2 to 6 capital letters, like LCC (found "leafy")');
    expect(refused.client.message).toContain('calendar.cutOffTime: HH:MM, 24-hour (found "5pm")');
    expect(refused.client.message).toContain('directorates.0.colour: not a field of a council profile (check its spelling) (found "green")');
  });
});
