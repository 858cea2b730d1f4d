/**
 * Configuration in the portal (issue 14, docs/decisions/0514-configuration-in-the-portal.md):
 * each change the configuration pages make (core's `profileEdit`) saved through the API's
 * profile update, audited in the administration log, and refused when it would break the
 * rules or the cases: a service retired with open cases, a timescale above a statutory
 * maximum. A service not offered leaves the public form and the public API.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closureInput, limitsInput, parseCouncilProfile, profileEdit, serviceInput, timescalesInput, type CouncilProfile } from "@complaints/core";
import { defaultPlugins } from "@complaints/profiles";
import { openHarness, type Harness } from "../../test/harness.js";
import { refusal } from "../../test/refusal.js";
import { createContextInner } from "../context.js";
import { createCaller } from "../root.js";

describe("configuration changes through the API", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness({ start: "2026-12-14T09:00:00Z", plugins: await defaultPlugins() });
  });
  afterAll(() => h?.close());

  const admin = () => h.as("administrator");
  const current = async () => parseCouncilProfile((await (await admin()).admin.profile.get()).profile);
  const save = async (profile: CouncilProfile, reason: string) => (await admin()).admin.profile.update({ profile: profile as unknown as Record<string, unknown>, reason });
  const lastAdminEvent = async () => (await (await admin()).audit.adminEvents({ limit: 1 }))[0]!;
  const visitor = () => createCaller(createContextInner({ deps: h.deps, principal: null, request: { ip: "203.0.113.77", userAgent: "test" } }));
  const logCase = async (serviceId: string) => {
    const c = await (await h.as("complaints-manager")).cases.log({ kind: "complaint", channel: "phone", serviceId, description: `About ${serviceId}`, customer: { fullName: "Pat Resident" } });
    return c.caseId;
  };

  it("a service not offered leaves the public form's list and the public API refuses a complaint about it; staff still log its cases", async () => {
    const offered = (await current()).directorates.flatMap((d) => d.services.map((s) => s.id)).filter((id) => id !== "customer-services");
    await save(profileEdit.setOfferedServices(await current(), offered), "Customer Services is internal");
    expect(await lastAdminEvent()).toMatchObject({ type: "profile-saved", details: { reason: "Customer Services is internal" } });

    const { services } = await visitor().public.services();
    expect(services.map((s) => s.id)).not.toContain("customer-services");
    expect(services.map((s) => s.id)).toContain("waste");
    const refused = await refusal(
      visitor().public.submit({
        kind: "complaint",
        serviceId: "customer-services",
        description: "The phone line kept me waiting for an hour.",
        desiredOutcome: "Answer sooner.",
        customer: { fullName: "Robin Resident", email: "robin@example.com", preferredContact: "email" },
        idempotencyKey: "not-offered-1",
      }),
    );
    expect(refused.code).toBe("BAD_REQUEST");
    expect(refused.client.message).toBe("Select the service it is about");
    expect(await logCase("customer-services")).toEqual(expect.any(String));
  });

  it("retiring a service with open cases is refused, naming how many; nothing is saved", async () => {
    await logCase("highways");
    const before = await (await admin()).admin.profile.get();
    const refused = await refusal(save(profileEdit.retireService(await current(), "highways"), "Highways moves to the county"));
    expect(refused.code).toBe("BAD_REQUEST");
    expect(refused.client.message).toMatch(/Service "Highways" \(highways\) has 1 open case: keep the service until they are closed/);
    expect((await (await admin()).admin.profile.get()).updatedAt).toBe(before.updatedAt);
  });

  it("retiring a service without open cases is saved and audited; the service leaves the lists", async () => {
    const withParking = profileEdit.addService(await current(), serviceInput.parse({ name: "Parking", directorateId: "environment", offeredToPublic: "yes" }));
    await save(withParking, "Parking complaints come to us");
    expect((await visitor().public.services()).services.map((s) => s.id)).toContain("parking");
    await save(profileEdit.retireService(await current(), "parking"), "Parking goes to the county");
    expect(await lastAdminEvent()).toMatchObject({ type: "profile-saved", details: { reason: "Parking goes to the county" } });
    expect((await visitor().public.services()).services.map((s) => s.id)).not.toContain("parking");
    const tree = await (await admin()).admin.organisation();
    expect(tree.tree.directorates.flatMap((d) => d.services).find((s) => s.code === "parking")?.archived).toBe(true);
  });

  it("a service whose cases are all closed cannot be retired either: their pages are read under its rules", async () => {
    await save(profileEdit.addService(await current(), serviceInput.parse({ name: "Markets", directorateId: "environment", offeredToPublic: "yes" })), "Markets join Environment");
    const manager = await h.as("complaints-manager");
    const thanks = await manager.cases.log({ kind: "compliment", channel: "phone", serviceId: "markets", description: "Lovely market", customer: { fullName: "Mo Market" } });
    await manager.command.acknowledgeFeedback({ caseId: thanks.caseId, expectedVersion: 1 });
    await manager.command.close({ caseId: thanks.caseId, expectedVersion: 2 });
    const refused = await refusal(save(profileEdit.retireService(await current(), "markets"), "Markets go to the town council"));
    expect(refused.client.message).toMatch(/Service "Markets" \(markets\) has a closed case whose pages are read under its rules: keep the service, and stop offering it on the online form instead/);
    expect((await manager.cases.get({ caseId: thanks.caseId })).status).toBe("closed");
  });

  it("moving a service to another directorate takes its cases: the preview says who will see them, and directorate scoping follows", async () => {
    // The harness's investigating officer works in Corporate Services.
    const caseId = await logCase("council-tax");
    const officer = await h.as("investigating-officer");
    expect((await officer.cases.get({ caseId })).reference).toMatch(/^EXB-/);

    const moved = profileEdit.updateService(await current(), "council-tax", serviceInput.parse({ name: "Council Tax", directorateId: "environment", offeredToPublic: "yes", teams: [{ id: "billing", name: "Billing" }, { id: "recovery", name: "Recovery" }] }));
    const { access } = await (await admin()).admin.profile.preview({ profile: moved });
    expect(access).toEqual([expect.stringMatching(/^Council Tax moves from Corporate Services to Environment: its 1 case \(1 open\) will be seen by staff with roles in Environment, and no longer by those whose roles are only in Corporate Services\.$/)]);

    await save(moved, "Council Tax joins Environment");
    expect((await refusal(officer.cases.get({ caseId }))).code).toMatch(/NOT_FOUND|FORBIDDEN/);
    const listed = await (await h.as("complaints-manager")).cases.get({ caseId });
    expect(listed.reference).toMatch(/^EXB-/);
  });

  it("a service's timescale above its plugin's statutory maximum is refused with the rule's own words, and nothing is saved", async () => {
    const profile = await current();
    const input = timescalesInput.parse({ stages: [{ id: "stage-1", acknowledgeDays: 8, respondDays: 10 }], source: "Complaints policy 2027" });
    // Housing Repairs follows the housing plugin: the Housing Ombudsman's code allows 5 days to acknowledge.
    const next = profileEdit.setTimescales(profile, input, { "stage-1": { acknowledgeFrom: "receipt", respondFrom: "acknowledgement" } }, "repairs");
    const before = await (await admin()).admin.profile.get();
    const refused = await refusal(save(next, "Longer acknowledgements"));
    expect(refused.code).toBe("BAD_REQUEST");
    expect(refused.client.message).toMatch(/Stage 1 acknowledgement to 8 working days, above the statutory maximum of 5 working days/);
    expect((await (await admin()).admin.profile.get()).updatedAt).toBe(before.updatedAt);
  });

  it("closure days, the cut-off and delegated limits are saved and audited with the reason", async () => {
    const calendar = profileEdit.setCalendar(await current(), closureInput.parse({ newDate: "2026-12-29", newLabel: "Christmas shutdown", cutOffTime: "16:00", nations: ["england-and-wales"] }));
    await save(calendar, "Christmas shutdown");
    expect((await current()).calendar).toMatchObject({ closures: [{ date: "2026-12-29", label: "Christmas shutdown" }], cutOffTime: "16:00" });
    expect(await lastAdminEvent()).toMatchObject({ type: "profile-saved", details: { reason: "Christmas shutdown" } });

    const limits = profileEdit.setDelegatedLimits(await current(), limitsInput.parse({ limits: [{ role: "complaints-manager", maxPounds: 750 }, { role: "director" }] }));
    await save(limits, "New scheme of delegation");
    // The roles asked about take the form's limits (none: no limit); the others keep theirs.
    const after = (await current()).delegatedLimits;
    expect(after).toContainEqual({ role: "complaints-manager", maxPounds: 750 });
    expect(after.some((l) => l.role === "director")).toBe(false);
    expect(after).toContainEqual({ role: "head-of-service", maxPounds: 1000 });
  });

  it("only an administrator changes the configuration", async () => {
    const refused = await refusal((await h.as("complaints-manager")).admin.profile.update({ profile: (await current()) as unknown as Record<string, unknown>, reason: "Not mine" }));
    expect(refused.code).toBe("FORBIDDEN");
  });
});
